// The attribute names apply registers: the same check `validate` makes (one definition, in the model stage).
export { attributeProblem } from '../../compiler/model/user-attributes.js';
