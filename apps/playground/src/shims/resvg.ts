/** `@resvg/resvg-js` (a native module the report uses for PNGs) in the browser: the page draws charts as SVG with vega. */
export class Resvg {
  constructor() {
    throw new Error('PNG rendering is not available in the playground; charts are drawn as SVG');
  }
}

export default { Resvg };
