/**
 * @axon/language — the public entry. What is not exported here is private.
 *
 *   parse(text)        → { ast, diagnostics }      never throws; recovers from errors
 *   analyze(ast)       → { networks, diagnostics } blocks, repeats, residuals and parallels expanded into the graph, shapes and params inferred
 *   format(text)       → text                      canonical layout, comments kept, idempotent
 */
export type * from './ast.js';
export type * from './diagnostic.js';
export type * from './network.js';
export { parse, type ParseResult } from './parse.js';
export { analyze, type AnalysisResult } from './analyze.js';
export { format, formatEdits, formatRange } from './format.js';
export { applyEdits, type TextEdit, type OffsetEdit } from './text-edits.js';
export { tokenize, type SyntaxToken, type SyntaxTokenKind } from './tokenize.js';
export { LineIndex, positionAt, rangeContains, rangesOverlap, rangeText } from './ranges.js';
export { check, type CheckResult } from './check.js';
export { innerStatements, layerCalls } from './blocks.js';
export {
  formatDiagnostic,
  formatDiagnostics,
  MAX_FRAME_WIDTH,
  MAX_SAME_MESSAGE,
  sourceLine,
  visibleControls,
  windowLine,
  type FrameLine,
  type FrameOptions,
} from './code-frame.js';
export * as catalog from './catalog.js';
export {
  LAYERS,
  ACTIVATIONS,
  INITIALIZERS,
  LOSSES,
  OPTIMIZERS,
  REGULARIZERS,
  REGULARIZED_LAYERS,
  FAN_MODES,
  SCALING_DISTRIBUTIONS,
  initializerFamily,
  initializerDistribution,
  TASKS,
  TRAIN_SETTINGS,
  DATA_SETTINGS,
  EARLY_STOPPING,
  KEYWORDS,
  GRAPH_KEYWORDS,
  MERGE_MODES,
  SELU_ALPHA,
  SELU_SCALE,
  activationBounds,
  type ArgSpec,
  type Signature,
  type LayerInfo,
  type LossInfo,
  type LossFamily,
  type ActivationInfo,
  type ActivationFamily,
  type InitializerInfo,
  type InitializerFamily,
  type SettingInfo,
  type ValueType,
  type NumericRange,
  type OptimizerName,
  type RegularizerName,
  type TaskName,
} from './catalog.js';
export { closestName, editDistance } from './suggest.js';
export { activationText, initializerText, regularizerText, taskText } from './source-text.js';
export * from './docs/index.js';
export { inferLayer, inferMerge, windowOutput } from './shapes.js';
export {
  NETWORK_INPUT,
  GraphError,
  predecessors,
  successors,
  singlePredecessor,
  singleSuccessor,
  outputLayer,
  shapeOf,
  inputShapes,
  isChain,
  topologicalOrder,
  depthFromOutput,
} from './graph.js';
export {
  summarize,
  renderSummary,
  showShape,
  showOrigin,
  showStep,
  groupDigits,
  type Summary,
  type SummaryRow,
  type RenderOptions,
} from './summary.js';
