export { saveModel, encodeModel } from './save-model.js';
export { loadModel, type LoadModelOptions } from './load-model.js';
export { ModelFileError } from './errors.js';
export { MODEL_FORMAT, MODEL_FORMAT_VERSION, type ModelFile, type ModelFileLayer, type ModelFileTensor, type ModelFileNode } from './model-format.js';
