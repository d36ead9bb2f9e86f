// Which spec attributes may be registered with Fabric CA. `hf.*` names are Fabric CA's own (hf.Registrar.Roles,
// hf.Revoker, hf.EnrollmentID, ...): they grant CA privileges or are written by the CA itself, so a spec must not
// set them on an application user. Other names must be plain identifiers, because chaincode reads them back by
// name (cid.GetAttributeValue) from the certificate's attribute extension. One definition, read by `validate`
// (rules/user-attributes-valid.ts) and by `apply --users`, so validate accepts exactly what apply registers.
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9._-]*$/;

/** Why `name` cannot be registered, or undefined when it can. */
export function attributeProblem(name: string): string | undefined {
  if (/^hf\./i.test(name))
    return `attribute '${name}' is reserved by Fabric CA (hf.* attributes grant CA privileges and are set by the CA)`;
  if (!ATTRIBUTE_NAME.test(name))
    return `attribute '${name}' is not a valid attribute name (a letter, then letters, digits, '.', '_' or '-')`;
  return undefined;
}
