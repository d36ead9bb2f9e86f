// The frame: network picker, page tabs, and the page the hash names (#/<network>/<page>/<detail>). Hash routing
// works the same from the console server and from an exported folder opened with file://.
import { useEffect, useState } from 'preact/hooks';
import { useDocument } from './data.js';
import type { ConsoleIndex } from './documents.js';
import { ChannelsPage } from './pages/channels-page.js';
import { HistoryPage } from './pages/history-page.js';
import { LivePage } from './pages/live-page.js';
import { MapPage } from './pages/map-page.js';
import { ProposalPage, ProposalsPage } from './pages/proposals-page.js';
import { ProposePage } from './pages/propose-page.js';

export const PAGES = [
  ['map', 'Map'],
  ['channels', 'Channels'],
  ['proposals', 'Proposals'],
  ['history', 'History'],
  ['live', 'Live'],
  ['propose', 'Propose'],
] as const;

function useHash(): string[] {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const listener = () => setHash(location.hash);
    window.addEventListener('hashchange', listener);
    return () => window.removeEventListener('hashchange', listener);
  }, []);
  return hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((part) => decodeURIComponent(part));
}

export function App() {
  const index = useDocument<ConsoleIndex>('api/index.json');
  const [networkName, page = 'map', ...detail] = useHash();
  if (index.state === 'loading') return <p class="status">Loading…</p>;
  if (index.state === 'failed') return <p class="error">The console could not start: {index.error}</p>;
  const networks = index.value.networks;
  const network = networks.find((candidate) => candidate.name === networkName) ?? networks[0];
  if (!network) return <p class="error">No networks to show.</p>;
  const pages = PAGES.filter(([id]) => id !== 'propose' || index.value.edits);
  return (
    <div class="frame">
      <header>
        <h1>netspec console</h1>
        <nav class="networks" aria-label="Networks">
          {networks.map((candidate) => (
            <a
              key={candidate.name}
              href={`#/${candidate.name}/${page}`}
              class={candidate.name === network.name ? 'current' : ''}
              data-network={candidate.name}
            >
              {candidate.name}
            </a>
          ))}
        </nav>
        <nav class="pages" aria-label="Pages">
          {pages.map(([id, label]) => (
            <a key={id} href={`#/${network.name}/${id}`} class={id === page ? 'current' : ''} data-page={id}>
              {label}
            </a>
          ))}
        </nav>
        {index.value.source === 'export' ? (
          <p class="snapshot">
            A snapshot{index.value.commit ? ` of commit ${index.value.commit.slice(0, 12)}` : ''}, exported with netspec
            console --export.
          </p>
        ) : null}
      </header>
      <main>
        <Page index={index.value} network={network} page={page} detail={detail} />
      </main>
    </div>
  );
}

function Page(props: {
  index: ConsoleIndex;
  network: ConsoleIndex['networks'][number];
  page: string;
  detail: string[];
}) {
  const { index, network, page, detail } = props;
  switch (page) {
    case 'channels':
      return <ChannelsPage network={network.name} selected={detail[0]} />;
    case 'proposals':
      return detail[0] ? (
        <ProposalPage network={network.name} id={detail[0]} />
      ) : (
        <ProposalsPage network={network.name} bundles={network.bundles} />
      );
    case 'history':
      return <HistoryPage network={network.name} commitBaseUrl={index.commitBaseUrl} />;
    case 'live':
      return <LivePage network={network.name} live={index.live} />;
    case 'propose':
      return index.edits ? <ProposePage network={network.name} /> : <p class="status">This console offers no edits.</p>;
    default:
      return <MapPage network={network.name} selected={detail[0]} />;
  }
}
