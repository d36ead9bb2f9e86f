// Fabric CA's refusals in words. The server answers a few generic codes on purpose (an authentication failure is
// always code 20, an authorization failure always 71: lib/caerrors/servererror.go hides the detail from the
// client), so the explanation names what netspec sent that the CA could have refused, and what to change.

/** Fabric CA's error codes netspec tells apart (lib/caerrors/servererror.go). */
export const CA_AFFILIATION_NOT_FOUND = 16;
export const CA_NAME_NOT_FOUND = 19;
export const CA_AUTHENTICATION_FAILURE = 20;
export const CA_REGISTRAR_ATTRIBUTE = 42;
export const CA_REGISTRAR_MISSING_ATTRIBUTE = 43;
export const CA_REGISTRAR_TYPE = 54;
export const CA_REGISTRAR_AFFILIATION = 55;
export const CA_MODIFY_FAILED = 58;
/** ErrDBGet: "Failed to get User: sql: no rows in result set", HTTP 404: the id is not registered. */
export const CA_NOT_FOUND = 63;
export const CA_REVOKED_ID = 70;
export const CA_AUTHORIZATION_FAILURE = 71;
export const CA_PASSWORD_ATTEMPTS = 73;
/** The id to register exists ("Identity '<id>' is already registered"). */
export const CA_ALREADY_REGISTERED = 74;
export const CA_REGISTRAR_REGISTER = 76;

/** The CA answered and refused (HTTP error or success: false). */
export class FabricCaError extends Error {
  constructor(
    readonly status: number,
    readonly codes: number[],
    message: string,
  ) {
    super(message);
  }
}

/** Who signed the refused request: the CA admin (token), the user's secret, or the user's own certificate. */
export type CaCaller = 'registrar' | 'secret' | 'user-certificate';

export interface ErrorContext {
  organization: string;
  caller: CaCaller;
  caName?: string;
}

/** The CA's words, then what they mean for this request and what to change. */
export function explainCaError(error: FabricCaError, context: ErrorContext): string {
  const advice = error.codes.map((code) => adviceFor(code, context)).find(Boolean);
  if (advice) return `the CA refused: ${error.message}: ${advice}`;
  if (error.status === 502 || error.status === 503 || error.status === 504)
    return `the CA refused: ${error.message}: the CA or a proxy in front of it is unavailable; run again once it is up`;
  return `the CA refused: ${error.message}`;
}

function adviceFor(code: number, context: ErrorContext): string | undefined {
  const { organization, caller } = context;
  switch (code) {
    case CA_AUTHENTICATION_FAILURE:
      if (caller === 'secret')
        return 'the enrollment secret was not accepted (or the identity reached its max enrollments, or was revoked); the next run sets a fresh secret';
      if (caller === 'user-certificate')
        return "the user's own certificate was not accepted for reenroll (revoked, expired or from another CA); the next run sets a fresh secret instead";
      return `the CA does not accept the CA admin identity that signed the request: use a registrar this CA issued and still knows (connection.identities.${organization}, or --admin-cert/--admin-key), whose certificate and key belong together and which is not revoked`;
    case CA_AUTHORIZATION_FAILURE:
    case CA_REGISTRAR_TYPE:
    case CA_REGISTRAR_AFFILIATION:
    case CA_REGISTRAR_REGISTER:
      return "the CA admin may not manage this identity: its hf.Registrar.Roles must include the user's type and its affiliation must cover the user's affiliation; use a registrar with those rights or change the user's type or affiliation";
    case CA_REGISTRAR_ATTRIBUTE:
    case CA_REGISTRAR_MISSING_ATTRIBUTE:
      return 'the CA admin may not register these attributes: give it hf.Registrar.Attributes covering the attribute names, or remove them from the user';
    case CA_NAME_NOT_FOUND:
      return context.caName === undefined
        ? 'the server has no default CA; set ca.name to one of its CA names'
        : `the server has no CA named '${context.caName}': set ca.name to the server's --ca.name, or null for its default CA`;
    case CA_AFFILIATION_NOT_FOUND:
      return "the affiliation does not exist at the CA: add it there (fabric-ca-client affiliation add) or change the user's affiliation";
    case CA_MODIFY_FAILED:
      return "check the user's affiliation exists at the CA";
    case CA_REVOKED_ID:
      return 'the identity is revoked at the CA; register it under another name';
    case CA_PASSWORD_ATTEMPTS:
      return 'too many wrong secrets locked the identity; the next run sets a fresh secret';
    default:
      return undefined;
  }
}
