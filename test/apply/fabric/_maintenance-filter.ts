// The test orderer's MaintenanceFilter, written from Fabric 3's orderer/common/msgprocessor/maintenancefilter.go
// and apart from netspec's guards (it imports nothing from src/compiler/plan or src/governance): a config update
// that enters or leaves maintenance mode changes ConsensusType alone, the consensus type changes only from
// maintenance mode to maintenance mode and only to BFT, and the BFT consenters are the Raft ones. Messages are the
// orderer's own.
type Item = { value?: unknown; version?: string };
type Group = { groups?: Record<string, Group>; values?: Record<string, Item> };
type Config = { channel_group: Group };
type Consensus = { type?: string; state?: string; metadata?: unknown };
type Consenter = { host: string; port: number; client_tls_cert: string; server_tls_cert: string };

const NORMAL = 'STATE_NORMAL';

/** Undefined when Fabric's filter lets the update through; else its error text. */
export function maintenanceProblem(current: Config, next: Config, writeSet: Group): string | undefined {
  const inspect = inspectTransition(current, next, writeSet);
  return inspect ? `config transaction inspection failed: ${inspect}` : undefined;
}

function inspectTransition(current: Config, next: Config, writeSet: Group): string | undefined {
  const [from, to] = [consensus(current), consensus(next)];
  const [stateFrom, stateTo] = [from.state ?? NORMAL, to.state ?? NORMAL];
  if (stateFrom !== stateTo) {
    const only = consensusTypeChangeOnly(writeSet);
    if (only) return only;
    if (from.type !== to.type)
      return `attempted to change ConsensusType.Type from ${from.type} to ${to.type}, but ConsensusType.State is changing from ${stateFrom} to ${stateTo}`;
    if (JSON.stringify(from.metadata) !== JSON.stringify(to.metadata))
      return `attempted to change ConsensusType.Metadata, but ConsensusType.State is changing from ${stateFrom} to ${stateTo}`;
  }
  if (from.type !== to.type) {
    if (stateFrom === NORMAL)
      return `attempted to change consensus type from ${from.type} to ${to.type}, but current config ConsensusType.State is not in maintenance mode`;
    if (stateTo === NORMAL)
      return `attempted to change consensus type from ${from.type} to ${to.type}, but next config ConsensusType.State is not in maintenance mode`;
    if (to.type !== 'BFT')
      return `attempted to change consensus type from ${from.type} to ${to.type}, transition not supported`;
    const raft = ((from.metadata as { consenters?: Consenter[] } | undefined)?.consenters ?? []) as Consenter[];
    const orderers = next.channel_group.groups?.Orderer?.values?.Orderers?.value as
      | { consenter_mapping?: Consenter[] }
      | undefined;
    const bft = orderers?.consenter_mapping ?? [];
    const prefix = 'invalid BFT consenter mapping configuration: ';
    if (bft.length === 0) return `${prefix}Invalid new config: bft consenters are missing`;
    if (bft.length !== raft.length)
      return `${prefix}Invalid new config: the number of bft consenters: ${bft.length} is not equal to the number of raft consenters: ${raft.length}`;
    for (const r of raft)
      if (
        !bft.some(
          (b) =>
            b.host === r.host &&
            b.port === r.port &&
            b.server_tls_cert === r.server_tls_cert &&
            b.client_tls_cert === r.client_tls_cert,
        )
      )
        return `${prefix}No suitable BFT consenter for Raft consenter: ${r.host}:${r.port}`;
  }
  return undefined;
}

/** ensureConsensusTypeChangeOnly: the write set holds the Orderer group with its ConsensusType value, nothing else. */
function consensusTypeChangeOnly(writeSet: Group): string | undefined {
  const groups = Object.keys(writeSet.groups ?? {});
  if (groups.length === 0) return 'config update contains no changes';
  if (Object.keys(writeSet.values ?? {}).length > 0) return 'config update contains changes to values in group Channel';
  if (groups.length > 1) return 'config update contains changes to more than one group';
  const orderer = writeSet.groups?.Orderer;
  if (!orderer) return 'update does not contain the Orderer group';
  if (Object.keys(orderer.groups ?? {}).length > 0)
    return 'config update contains changes to groups within the Orderer group';
  if (!orderer.values?.ConsensusType) return 'config update does not contain the ConsensusType value';
  if (Object.keys(orderer.values).length > 1)
    return 'config update contain more then just the ConsensusType value in the Orderer group';
  return undefined;
}

function consensus(config: Config): Consensus {
  return (config.channel_group.groups?.Orderer?.values?.ConsensusType?.value as Consensus | undefined) ?? {};
}
