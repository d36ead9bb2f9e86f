// What a view builder returns: which template renders the object, with which view, for which spec node.
import type { DataPath } from '../parse/index.js';

export interface PlannedObject {
  template: string;
  view: Record<string, unknown>;
  origin: DataPath;
}
