// The store lives under storage/ with the rest of the SQL; the handoff service builds it from here.
export { CannedStore } from '../storage/canned.js';
