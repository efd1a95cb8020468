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
