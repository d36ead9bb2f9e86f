// Render stage: a plan (plain data) as text for terminals, markdown for pull requests, JSON for machines.
// Renderers only read the plan; they never compute anything the plan does not already hold.
export { renderJson } from './json.js';
export { type MarkdownOptions, PLAN_COMMENT_MARKER, renderMarkdown } from './markdown.js';
export { renderMermaid } from './mermaid.js';
export { renderText, totalLine } from './text.js';
