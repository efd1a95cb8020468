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
};
