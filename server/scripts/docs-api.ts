// `npm run docs:api`: write docs/api.md from the OpenAPI description the server serves at /api/openapi.json.
import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../src/http/openapi.js';
import { API_DOCS_FILE, openApiMarkdown } from '../src/http/openapi-markdown.js';

const markdown = openApiMarkdown(openApiDocument('docs') as Parameters<typeof openApiMarkdown>[0]);
writeFileSync(API_DOCS_FILE, markdown);
console.log(`wrote ${API_DOCS_FILE} (${markdown.split('\n').length} lines)`);
