/**
 * Every layer kind written as a call. Names and defaults follow Keras (Dense, Dropout, BatchNormalization, Conv2D, …).
 */
import type { LayerCallKind } from '../network.js';
import type { EntryDoc } from './types.js';

export const LAYER_DOCS: Record<LayerCallKind, EntryDoc> = {
  dense: {
    summary: 'Fully connected layer: every output unit sees every input (Keras `Dense`, PyTorch `nn.Linear`).',
    details: 'Parameters: inputs × units weights plus units biases.',
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
    details: 'Parameters: kernel_h × kernel_w × in_channels × filters weights plus filters biases.',
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
};
