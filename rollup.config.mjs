// Every browser build: the widget (widget/rollup.config.mjs) and the staff console, which ships inside the server
// package (server/src/console/rollup.console.mjs). `bench/widget-size.mjs` checks the widget's size budgets.
import widgetBuilds from './widget/rollup.config.mjs';
import consoleBuilds from './server/src/console/rollup.console.mjs';

export default [...widgetBuilds, ...consoleBuilds];
