/**
 * @axon/report — training, diagnose and sweep reports: Vega-Lite charts rendered to SVG and PNG,
 * a network diagram, and one self-contained HTML file.
 */
export type * from './types.js';
export { buildCharts, lossChart, metricCharts, gradientChart, stepGradientChart, unitHealthChart, sweepMetricChart, sweepCurvesChart } from './charts.js';
export { renderChartSvg, renderCharts, svgToPng } from './render.js';
export { networkDiagramSvg, diagramLayout, diagramEdges, diagramGroups, ACTIVATION_COLORS, type DiagramLayout, type DiagramEdge, type DiagramGroup, type EdgeRoute } from './diagram.js';
export { reportHtml } from './html.js';
export { renderReport, writeReport, prefixSvgIds, type RenderedReport, type WrittenReport } from './write.js';
