import type { Command } from 'commander';
import { register as evaluate } from './eval.js';
import { register as ingest } from './ingest.js';
import { register as serve } from './serve.js';
import { register as token } from './token.js';
import { register as gdpr } from './gdpr.js';
import { register as trainRouter } from './train-router.js';
import { register as user } from './user.js';
import { register as exportData } from './export.js';
import { register as kb } from './kb.js';

/** Every subcommand; each module exports `register(program)`. One line per command file. */
export const COMMANDS: Array<(program: Command) => void> = [
  serve,
  token,
  gdpr,
  evaluate,
  trainRouter,
  ingest,
  user,
  exportData,
  kb,
];
