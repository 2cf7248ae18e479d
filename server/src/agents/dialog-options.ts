// The dialog section is validated with the rest of the agents file, in router/config.ts.
export * from '../router/dialog-options.js';
