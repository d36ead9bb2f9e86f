// The consortium map: every organization with its role, placement and nodes, every channel and Quorum network,
// an edge per membership. A click opens the organization's details, or the channel's page.
import { useEffect, useState } from 'preact/hooks';
import { useDocument } from '../data.js';
import type { NetworkOverview } from '../documents.js';
import { layoutMap, MAP_LINE_HEIGHT, type MapLayout } from './layout-map.js';

export function MapPage(props: { network: string; selected?: string }) {
  const overview = useDocument<NetworkOverview>(`api/networks/${props.network}/overview.json`);
  const [layout, setLayout] = useState<MapLayout | { error: string } | undefined>(undefined);
  useEffect(() => {
    if (overview.state !== 'ready') return;
    let current = true;
    setLayout(undefined);
    layoutMap(overview.value).then(
      (value) => current && setLayout(value),
      (error: Error) => current && setLayout({ error: error.message }),
    );
    return () => {
      current = false;
    };
  }, [overview]);
  if (overview.state === 'loading') return <p class="status">Loading the network…</p>;
  if (overview.state === 'failed') return <p class="error">{overview.error}</p>;
  const data = overview.value;
  const selected = data.organizations.find((org) => org.name === props.selected);
  return (
    <section class="map-page">
      <h2>
        {data.network} <small>{data.description}</small>
      </h2>
      <p class="legend">
        <span class="swatch organization" /> organization <span class="swatch channel" /> Fabric channel{' '}
        <span class="swatch quorum" /> Quorum network · solid: member · dashed: orderer · dotted: validators
      </p>
      {layout === undefined ? <p class="status">Laying out the map…</p> : null}
      {layout && 'error' in layout ? <p class="error">The map could not be laid out: {layout.error}</p> : null}
      {layout && !('error' in layout) ? (
        <MapSvg network={props.network} layout={layout} selected={props.selected} />
      ) : null}
      {selected ? (
        <aside class="details" data-testid="organization-details">
          <h3>
            {selected.displayName} <small>{selected.mspId}</small>
          </h3>
          <dl>
            <dt>roles</dt>
            <dd>{selected.roles.join(', ')}</dd>
            <dt>domain</dt>
            <dd>{selected.domain}</dd>
            <dt>region</dt>
            <dd>{selected.region ?? 'not set'}</dd>
            <dt>cluster</dt>
            <dd>
              {selected.cluster ?? 'not set'} (namespace {selected.namespace})
            </dd>
            <dt>approvers</dt>
            <dd>{selected.approvers.join(', ') || 'none'}</dd>
            <dt>orderers</dt>
            <dd>{selected.orderers.map((o) => `${o.name} ${o.host}:${o.port}`).join(', ') || 'none'}</dd>
            <dt>peers</dt>
            <dd>
              {selected.peers
                .map((p) => `${p.name} ${p.host}:${p.port} ${p.stateDatabase}${p.anchor ? ', anchor' : ''}`)
                .join('; ') || 'none'}
            </dd>
            <dt>channels</dt>
            <dd>
              {data.channels
                .filter((c) => c.members.includes(selected.name) || c.ordererOrganizations.includes(selected.name))
                .map((c) => (
                  <a key={c.name} href={`#/${props.network}/channels/${c.name}`}>
                    {c.name}{' '}
                  </a>
                ))}
            </dd>
          </dl>
        </aside>
      ) : null}
    </section>
  );
}

function MapSvg(props: { network: string; layout: MapLayout; selected?: string }) {
  const { layout } = props;
  const open = (kind: string, name: string) => {
    location.hash =
      kind === 'channel'
        ? `#/${props.network}/channels/${name}`
        : kind === 'organization'
          ? `#/${props.network}/map/${name}`
          : `#/${props.network}/map`;
  };
  return (
    <svg
      class="map"
      viewBox={`0 0 ${layout.width + 20} ${layout.height + 20}`}
      width={layout.width + 20}
      role="img"
      aria-label="consortium map"
    >
      <g transform="translate(10,10)">
        {layout.edges.map((edge) => (
          <polyline
            key={edge.id}
            class={`edge ${edge.kind}`}
            points={edge.points.map((point) => `${point.x},${point.y}`).join(' ')}
          />
        ))}
        {layout.nodes.map((node) => (
          // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>
          <g
            key={node.id}
            class={`node ${node.kind}${node.kind === 'organization' && node.name === props.selected ? ' selected' : ''}`}
            data-kind={node.kind}
            data-name={node.name}
            transform={`translate(${node.x},${node.y})`}
            role="button"
            tabIndex={0}
            onClick={() => open(node.kind, node.name)}
            onKeyDown={(event) => event.key === 'Enter' && open(node.kind, node.name)}
          >
            <rect width={node.width} height={node.height} rx={6} />
            <text x={10} y={20} class="title">
              {node.title}
            </text>
            {node.lines.map((line, index) => (
              <text key={line + String(index)} x={10} y={20 + (index + 1) * MAP_LINE_HEIGHT}>
                {line}
              </text>
            ))}
          </g>
        ))}
      </g>
    </svg>
  );
}
