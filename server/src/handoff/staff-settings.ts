// The store lives under storage/ with the rest of the SQL; the handoff service builds it from here.
export { StaffSettingsStore } from '../storage/staff-settings.js';
