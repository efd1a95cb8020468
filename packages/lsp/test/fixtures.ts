/** Specs used across the server tests (kept here so other packages' examples can change freely). */
export const IRIS = `// iris: three-class classifier
network Iris {
  input [4]
  task classification(classes: 3)

  layers {
    dense(16, activation: relu)
    dense(16, activation: leaky_relu(alpha: 0.01))
    dropout(0.2)
    repeat 2 {
      elu_block(32)
    }
    dense(3, activation: softmax)
  }

  train {
    loss: categorical_crossentropy
    optimizer: adam(learning_rate: 1e-3)
    epochs: 200
  }
}

block elu_block(width) {
  dense(width, activation: elu(alpha: 1.0), init: he_normal)
  batch_norm()
}
`;

export const DEEP = `network Deep {
  input [4]
  task classification(classes: 3)

  layers {
    dense(32, activation: sigmoid)
    repeat 18 {
      dense(32, activation: sigmoid)
    }
    dense(3, activation: softmax)
  }
}
`;

/** A regression whose output has a sigmoid (an error with a fix) and a linear hidden stack. */
export const REGRESSION_BAD = `network House {
  input [8]
  task regression(outputs: 1)

  layers {
    dense(64, activation: relu, init: he_normal)
    dense(1, activation: sigmoid)
  }
}
`;

/** Graph constructs: an identity residual, a projected residual, a parallel with an identity branch and a repeat inside a branch. */
export const GRAPH_SOURCE = `network Graph {
  input [8, 8, 3]
  task classification(classes: 10)
  layers {
    conv2d(16, kernel: 3, padding: same, activation: relu)
    residual {
      conv2d(16, kernel: 3, padding: same, activation: relu)
      conv2d(16, kernel: 3, padding: same)
    }
    activation(relu)
    residual {
      conv2d(32, kernel: 3, stride: 2, padding: same, activation: relu)
    } shortcut {
      conv2d(32, kernel: 1, stride: 2, use_bias: false)
    }
    parallel(merge: concat) {
      branch { }
      branch {
        conv2d(8, kernel: 1)
        repeat 2 {
          conv2d(8, kernel: 3, padding: same)
        }
      }
    }
    global_avg_pool2d()
    dense(10, activation: softmax)
  }
  train {
    epochs: 2
  }
}
`;
