/**
 * Every layer kind written as a call. Names and defaults follow Keras (Dense, Dropout, BatchNormalization, Conv2D, …).
 */
import type { LayerCallKind } from '../network.js';
import type { EntryDoc } from './types.js';

export const LAYER_DOCS: Record<LayerCallKind, EntryDoc> = {
  dense: {
    summary: 'Fully connected layer: every output unit sees every input (Keras `Dense`, PyTorch `nn.Linear`).',
    details: 'Parameters: inputs × units weights plus units biases (none with `use_bias: false`).',
    example: 'dense(64, activation: relu, init: he_normal)',
  },
  dropout: {
    summary: 'During training, zeroes a random fraction of its inputs (and scales the rest up); does nothing at inference.',
    details: 'No parameters. Rates above 0.5 usually throw away too much signal.',
    example: 'dropout(0.2)',
  },
  batch_norm: {
    summary: 'Normalises each feature over the batch, then scales and shifts it with learned gamma and beta (Keras `BatchNormalization`).',
    details: 'Parameters: 2 trainable (gamma, beta) and 2 non-trainable (moving mean, moving variance) per feature.',
    example: 'batch_norm()',
  },
  activation: {
    summary: 'A stand-alone activation layer: applies a function to its input, no parameters.',
    example: 'activation(relu)',
  },
  flatten: {
    summary: 'Reshapes its input into one vector (e.g. [7, 7, 32] → [1568]); needed between conv/pool layers and dense.',
    example: 'flatten()',
  },
  conv2d: {
    summary: '2-D convolution over height × width × channels input (Keras `Conv2D`, PyTorch `nn.Conv2d`).',
    details: 'Parameters: kernel_h × kernel_w × in_channels × filters weights plus filters biases (none with `use_bias: false`).',
    example: 'conv2d(32, kernel: 3, padding: same, activation: relu)',
  },
  max_pool2d: {
    summary: 'Keeps the largest value of each window (Keras `MaxPooling2D`); no parameters.',
    example: 'max_pool2d(2)',
  },
  avg_pool2d: {
    summary: 'Averages each window (Keras `AveragePooling2D`); no parameters.',
    example: 'avg_pool2d(2)',
  },
  global_avg_pool2d: {
    summary: 'Averages each channel over the whole height × width (Keras `GlobalAveragePooling2D`); no parameters.',
    details: '`[h, w, c]` → `[c]`. The usual end of a convolutional stack before the classifier (ResNet, DenseNet), in place of flatten.',
    example: 'global_avg_pool2d()',
  },
  global_max_pool2d: {
    summary: 'Keeps the largest value of each channel over the whole height × width (Keras `GlobalMaxPooling2D`); no parameters.',
    details: '`[h, w, c]` → `[c]`.',
    example: 'global_max_pool2d()',
  },
  zero_padding2d: {
    summary: 'Surrounds each sample with rows and columns of zeros (Keras `ZeroPadding2D`); no parameters.',
    details:
      '`zero_padding2d(1)` pads every side by 1; `[h, w]` pads top and bottom by h, left and right by w; `[[top, bottom], [left, right]]` sets each side. ResNet50 pads by 3 before its 7×7 stem and by 1 before the max pool.',
    example: 'zero_padding2d(3)',
  },
  embedding: {
    summary: 'Looks up a learned vector for each token id (Keras `Embedding`, PyTorch `nn.Embedding`): `[n]` ids → `[n, output_dim]`.',
    details:
      'Parameters: input_dim × output_dim (one row per id; no bias). Must read the network\'s input, whole-number ids in [0, input_dim): with `data { text: }` id 0 is padding and 1 an unknown word, so input_dim must be at least the data\'s `vocabulary`. Rows start uniform in [−0.05, 0.05], as in Keras.',
    example: 'embedding(20000, 128)',
  },
  lstm: {
    summary: 'Long short-term memory over `[steps, features]` (Keras `LSTM`, PyTorch `nn.LSTM`): a cell state carried along the sequence, guarded by three gates.',
    details:
      'At each step the **input gate** i decides how much of the candidate (tanh of input and previous output) enters the cell, the **forget gate** f how much of the old cell state is kept, and the **output gate** o how much of tanh(cell) is shown as the output. The gates use sigmoid because each must be a fraction in (0, 1) — a soft switch multiplying what passes — not a hidden layer, so the warnings about stacked sigmoid layers do not apply to `recurrent_activation`; the additive cell update is what lets gradients survive long sequences. Parameters: 4 × (units × (features + units) + units), without the bias terms with `use_bias: false`, doubled with `bidirectional: true`. Output `[steps, units]` with `return_sequences: true` (needed before another recurrent layer), else `[units]`; twice the units when bidirectional. The forget gate\'s bias starts at 1 (Keras `unit_forget_bias`).',
    example: 'lstm(64, return_sequences: true, bidirectional: true)',
  },
  gru: {
    summary: 'Gated recurrent unit over `[steps, features]` (Keras `GRU` with `reset_after: true`, PyTorch `nn.GRU`): two gates, no separate cell state.',
    details:
      'The **update gate** z mixes the previous state with the candidate (z × old + (1 − z) × new); the **reset gate** r decides how much of the previous state the candidate sees. Both are sigmoid fractions in (0, 1), soft switches rather than hidden layers. Parameters (reset_after, two biases as Keras and cuDNN): 3 × (units × (features + units) + 2 × units); 3 × units × (features + units) with `use_bias: false`; doubled with `bidirectional: true`. Shapes as lstm.',
    example: 'gru(32, return_sequences: true)',
  },
  simple_rnn: {
    summary: 'A plain recurrent layer over `[steps, features]` (Keras `SimpleRNN`, PyTorch `nn.RNN`): state = activation(x·W + state·U + b).',
    details:
      'No gates, so no `recurrent_activation`. The state is multiplied by U at every step, so over long sequences gradients vanish or explode (Bengio et al. 1994, Pascanu et al. 2013); prefer lstm or gru beyond a few dozen steps, and clip gradients (`clipnorm`). Parameters: units × (features + units) + units (no bias term with `use_bias: false`), doubled with `bidirectional: true`. Shapes as lstm.',
    example: 'simple_rnn(16)',
  },
  conv1d: {
    summary: '1-D convolution along the steps of a `[steps, channels]` input (Keras `Conv1D`, PyTorch `nn.Conv1d`).',
    details:
      'Parameters: kernel × in_channels × filters weights plus filters biases (none with `use_bias: false`). Output `[steps\', filters]` with steps\' = floor((steps − kernel) / stride) + 1 (`valid`) or ceil(steps / stride) (`same`). A cheap, order-aware feature extractor for text and signals.',
    example: 'conv1d(128, 7, stride: 3, activation: relu)',
  },
  max_pool1d: {
    summary: 'Keeps the largest value of each window along the steps (Keras `MaxPooling1D`); no parameters.',
    details: '`[steps, c]` → `[steps\', c]`; the window length and stride work as conv1d\'s.',
    example: 'max_pool1d(2)',
  },
  avg_pool1d: {
    summary: 'Averages each window along the steps (Keras `AveragePooling1D`); no parameters.',
    details: '`[steps, c]` → `[steps\', c]`; the window length and stride work as conv1d\'s.',
    example: 'avg_pool1d(2)',
  },
  global_avg_pool1d: {
    summary: 'Averages each channel over all the steps (Keras `GlobalAveragePooling1D`); no parameters.',
    details: '`[steps, c]` → `[c]`: a bag of features, blind to order.',
    example: 'global_avg_pool1d()',
  },
  global_max_pool1d: {
    summary: 'Keeps the largest value of each channel over all the steps (Keras `GlobalMaxPooling1D`); no parameters.',
    details: '`[steps, c]` → `[c]`: whether each feature fired anywhere in the sequence.',
    example: 'global_max_pool1d()',
  },
};
