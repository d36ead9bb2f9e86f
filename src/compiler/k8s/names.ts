// Kubernetes name rules, checked before an object is written: the API server would reject the object at
// apply time, far from the spec line that caused it.
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Namespaces, container and port names: a DNS-1123 label (63 characters at most). */
export function dnsLabelProblem(name: string): string | undefined {
  if (name.length > 63) return `'${name}' is longer than 63 characters`;
  if (!DNS1123_LABEL.test(name))
    return `'${name}' is not a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)`;
  return undefined;
}

/** Service names: a DNS-1035 label (must start with a letter). */
export function serviceNameProblem(name: string): string | undefined {
  if (name.length > 63) return `'${name}' is longer than 63 characters`;
  if (!DNS1035_LABEL.test(name))
    return `'${name}' is not a DNS-1035 label (lowercase letters, digits and '-', starting with a letter)`;
  return undefined;
}

/** Most object names: a DNS-1123 subdomain (253 characters at most). */
export function dnsSubdomainProblem(name: string): string | undefined {
  if (name.length > 253) return `'${name}' is longer than 253 characters`;
  if (!DNS1123_SUBDOMAIN.test(name))
    return `'${name}' is not a DNS-1123 subdomain (lowercase letters, digits, '-', '.')`;
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63 || !LABEL_VALUE.test(value)) return `'${value}' is not a valid label value`;
  return undefined;
}

/**
 * A Kubernetes-safe name for a Fabric identifier (chaincode and channel names may hold '_' or '.', which
 * Kubernetes names may not): lowercase, other characters become '-'.
 */
export function kubernetesName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
