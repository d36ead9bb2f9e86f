// fetch reads a Besu QBFT network's validators over real JSON-RPC on 127.0.0.1, from a server that answers as Besu's
// QbftGetValidatorsByBlockNumber does (the set at the block asked for, lower-case 0x addresses; null for a block it
// does not have; -32602 for a parameter that is no block), with its own literal chain history, and checks what it
// read against the spec and the state folder before it becomes state.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientIdentity, fetchState } from '../../../src/apply/fabric/index.js';
import { fetchValidators } from '../../../src/apply/quorum/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import { repoRoot } from '../../helpers/run-cli.js';

// The quickstart's four validators (addresses of its public keys) and a stranger.
const V0 = '0x4112c6b35cde7a860650e4d8bbf4abbc949c1249';
const V1 = '0x2b7ee687aece64c8d0b8cf811900d61737925902';
const V2 = '0x81fec37e52f7e02371f05fae5d10afac9380335e';
const V3 = '0xb95143c6599d911d0bfcb2b4b8bd3993bc8ca765';
const STRANGER = '0x00000000000000000000000000000000000000aa';

/** Chain history: the set from each block on (as a contract switch at block 40000 would leave it). */
const HEAD = 48213;
const HISTORY: [number, string[]][] = [
  [0, [V0, V1, V2]],
  [40000, [V0, V1, V2, STRANGER]],
];

interface Call {
  method: string;
  params: unknown[];
}

function setAt(block: number): string[] {
  return HISTORY.filter(([from]) => from <= block).at(-1)![1];
}

let server: Server;
let url: string;
const calls: Call[] = [];
let answerValidatorsWith: ((params: unknown[]) => unknown) | undefined;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const { id, method, params } = JSON.parse(body) as { id: number; method: string; params: unknown[] };
      calls.push({ method, params });
      const reply = (payload: object) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ jsonrpc: '2.0', id, ...payload }));
      };
      if (method === 'eth_blockNumber') return reply({ result: `0x${HEAD.toString(16)}` });
      if (method !== 'qbft_getValidatorsByBlockNumber')
        return reply({ error: { code: -32601, message: 'Method not found' } });
      if (answerValidatorsWith) return reply({ result: answerValidatorsWith(params) });
      const parameter = params[0];
      if (parameter === 'latest') return reply({ result: setAt(HEAD) });
      if (typeof parameter !== 'string' || !/^0x[0-9a-f]+$/i.test(parameter))
        return reply({ error: { code: -32602, message: 'Invalid block parameter (index 0)' } });
      const block = Number.parseInt(parameter, 16);
      reply({ result: block > HEAD ? null : setAt(block) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function quickstart() {
  const loaded = loadSpec(`${repoRoot}/networks/quickstart/network.yaml`);
  const model = loaded.value!.model;
  // Every validator is reached at the test server (the spec's connection.endpoints does this for real networks).
  for (const validator of model.quorum[0]!.validators)
    (model.connection.endpoints as Record<string, { url?: string }>)[`payments/${validator.name}`] = { url };
  return { model, network: model.quorum[0]! };
}

const RPC = { retries: 0, timeoutMs: 20_000 };

describe('fetchValidators', () => {
  it('reads the set at the head block with qbft_getValidatorsByBlockNumber and says how it differs from the spec', async () => {
    const { model, network } = quickstart();
    calls.length = 0;
    const fetched = await fetchValidators(model, network, { rpc: RPC });
    expect(fetched.problem).toBeUndefined();
    expect(calls).toEqual([
      { method: 'eth_blockNumber', params: [] },
      { method: 'qbft_getValidatorsByBlockNumber', params: ['0xbc55'] },
    ]);
    expect(fetched.value!.file).toBe('quorum/payments.json');
    expect(JSON.parse(Buffer.from(fetched.value!.bytes).toString('utf8'))).toEqual({
      validators: [V0, V1, V2, STRANGER],
      blockNumber: HEAD,
    });
    expect(fetched.value!.detail).toBe(
      `4 validators at block ${HEAD}; not yet live: validator3 ${V3}; live but not in the spec: ${STRANGER}`,
    );
  });

  it('keeps the transitions the state folder records, which no node serves', async () => {
    const { model, network } = quickstart();
    const transitions = [
      { block: 40000, validatorselectionmode: 'contract' as const, validatorcontractaddress: STRANGER },
    ];
    const fetched = await fetchValidators(model, network, { rpc: RPC, recorded: { blockNumber: 47000, transitions } });
    expect(JSON.parse(Buffer.from(fetched.value!.bytes).toString('utf8')).transitions).toEqual(transitions);
  });

  it('refuses a node behind the block the state folder records', async () => {
    const { model, network } = quickstart();
    const fetched = await fetchValidators(model, network, {
      rpc: RPC,
      recorded: { blockNumber: 50000, transitions: [] },
    });
    expect(fetched.value).toBeUndefined();
    expect(fetched.problem).toMatchObject({
      code: 'NS_QUORUM_NODE_BEHIND',
      message: expect.stringMatching(
        /is at block 48213, below block 50000 the state folder records: the node is behind or on another chain$/,
      ),
      hint: 'fetch from a synced node of payments (connection.endpoints)',
    });
  });

  it('refuses an answer that is not a list of addresses (a node without the block answers null)', async () => {
    const { model, network } = quickstart();
    answerValidatorsWith = () => null;
    try {
      const fetched = await fetchValidators(model, network, { rpc: RPC });
      expect(fetched.value).toBeUndefined();
      expect(fetched.problem!.code).toBe('NS_QUORUM_RPC_ERROR');
      expect(fetched.problem!.message).toContain(
        'qbft_getValidatorsByBlockNumber at block 48213 returned null, not a list of addresses',
      );
    } finally {
      answerValidatorsWith = undefined;
    }
  });
});

describe('fetchValidators, when no validator gives an answer', () => {
  it('a node without the consensus API (Method not found) is NS_QUORUM_RPC_ERROR, with the API to enable', async () => {
    const { model, network } = quickstart();
    // The test server speaks QBFT only: an IBFT 2.0 network asks it ibft_getValidatorsByBlockNumber.
    const fetched = await fetchValidators(model, { ...network, consensus: 'ibft' }, { rpc: RPC });
    expect(fetched.problem).toMatchObject({
      code: 'NS_QUORUM_RPC_ERROR',
      message: expect.stringContaining(
        'ibft_getValidatorsByBlockNumber failed: Method not found (JSON-RPC error -32601)',
      ),
      hint: expect.stringContaining('--rpc-http-api'),
    });
  });

  it('no node answering is NS_APPLY_UNREACHABLE, every address named', async () => {
    const { model, network } = quickstart();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const gone = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    for (const validator of network.validators)
      (model.connection.endpoints as Record<string, { url?: string }>)[`payments/${validator.name}`] = { url: gone };
    const fetched = await fetchValidators(model, network, { rpc: RPC });
    expect(fetched.problem).toMatchObject({
      code: 'NS_APPLY_UNREACHABLE',
      hint: expect.stringContaining('JSON-RPC address'),
    });
    expect(fetched.problem!.message.split('; ')).toHaveLength(network.validators.length);
    expect(fetched.problem!.message).toContain(gone);
  });
});

describe('fetchState with a state folder to refresh', () => {
  // Quorum only: no channel is read, so no Fabric identity is used.
  const quorumOnly = () => {
    const { model } = quickstart();
    return { ...model, channels: [] };
  };
  const noFabricIdentity = {} as ClientIdentity;

  it('writes quorum/<network>.json with the recorded transitions kept', async () => {
    const transitions = [{ block: 40000, blockperiodseconds: 2 }];
    const result = await fetchState(quorumOnly(), noFabricIdentity, {
      rpc: RPC,
      recordedQuorum: new Map([['payments', { blockNumber: 40001, transitions }]]),
    });
    expect(result.errors).toEqual([]);
    const state = JSON.parse(Buffer.from(result.files.get('quorum/payments.json')!).toString('utf8'));
    expect(state).toEqual({ validators: [V0, V1, V2, STRANGER], blockNumber: HEAD, transitions });
  });

  it('writes nothing when the node is behind the recorded block', async () => {
    const result = await fetchState(quorumOnly(), noFabricIdentity, {
      rpc: RPC,
      recordedQuorum: new Map([['payments', { blockNumber: HEAD + 1, transitions: [] }]]),
    });
    expect(result.files.size).toBe(0);
    expect(result.errors).toEqual([
      expect.stringMatching(/^quorum payments: .* below block 48214 the state folder records/),
    ]);
  });

  it('reports the failed read as a coded event, as fetch prints it', async () => {
    const events: unknown[] = [];
    await fetchState(quorumOnly(), noFabricIdentity, {
      rpc: RPC,
      recordedQuorum: new Map([['payments', { blockNumber: HEAD + 1, transitions: [] }]]),
      onEvent: (event) => events.push(event),
    });
    expect(events).toEqual([
      {
        event: 'failed',
        target: 'quorum payments',
        detail: expect.stringMatching(/below block 48214 the state folder records/),
        code: 'NS_QUORUM_NODE_BEHIND',
        hint: 'fetch from a synced node of payments (connection.endpoints)',
      },
    ]);
  });
});
