// Entry point of the `switchboard` command.
import { main } from './index.js';

void main();
