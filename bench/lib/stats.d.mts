// Types of stats.mjs for the TypeScript benches (bench/app-load.ts).
export function median(values: number[]): number | null;
export function spread(values: number[]): number | null;
export function quantile(values: number[], q: number): number | null;
export function slope(points: Array<{ x: number; y: number }>): number | null;
