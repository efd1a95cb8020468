/** Formats Axon source into the canonical layout, keeping comments. Never throws. */
export declare function format(text: string): string;
