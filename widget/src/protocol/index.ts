// The single contract between the widget, the console and the server.
export * from './version.js';
export * from './errors.js';
export * from './messages.js';
export * from './notices.js';
export * from './events.js';
export * from './staff.js';
export * from './staff-payloads.js';
export * from './text.js';
export * from './validate.js';
export * from './attributes.js';
export * from './attribute-filters.js';
export * from './labels.js';
export * from './notifications.js';
export * from './attachments.js';
