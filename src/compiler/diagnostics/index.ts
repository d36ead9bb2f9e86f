// Diagnostics: the one shape every stage uses to report what is wrong with the user's input, and how it is printed
// (never with private key material in it).
export { DIAGNOSTIC_CODES, type DiagnosticCode, isDiagnosticCode } from './codes.js';
export {
  type Diagnostic,
  fileRange,
  hasErrors,
  type Position,
  type Severity,
  type SourceRange,
  type StageResult,
} from './diagnostic.js';
export { diagnosticToJson, formatDiagnosticText, formatLocation, positionOf, type SourceTexts } from './format.js';
export { containsKeyMaterial, REDACTED_KEY, redactKeyMaterial, scrubKeyMaterial } from './key-material.js';
export { type Problem, problem, problemDiagnostic } from './problem.js';
export { closestMatch, didYouMean } from './suggest.js';
