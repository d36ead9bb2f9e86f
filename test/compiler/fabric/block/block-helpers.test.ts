// Reading the config out of a config block, and wrapping signed update bytes into a CONFIG_UPDATE envelope.
import { describe, expect, it } from 'vitest';
import {
  configFromBlock,
  decode,
  encode,
  type ProtoMessage,
  toJson,
  wrapConfigUpdate,
} from '../../../../src/compiler/fabric/index.js';
import { fixtureBytes, fixtureJson } from '../fixtures.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read configtxlator JSON freely
type Any = any;

describe('configFromBlock', () => {
  it('returns the channel config of the genesis block', () => {
    const result = configFromBlock(fixtureBytes('genesis.block'), { source: 'genesis.block' });
    expect(result.diagnostics).toEqual([]);
    expect(toJson('common.Config', result.value!).value).toEqual(fixtureJson('config.json'));
  });

  it('refuses bytes that are not a block', () => {
    const result = configFromBlock(fixtureBytes('genesis.block').slice(0, 1000), { source: 'x.block' });
    expect(result.value).toBeUndefined();
    expect(result.diagnostics[0]!.code).toBe('NS_FABRIC_NOT_CONFIG_BLOCK');
    expect(result.diagnostics[0]!.ranges).toEqual([{ file: 'x.block', start: 0, end: 0 }]);
  });

  it('refuses a block whose transaction is not a CONFIG transaction', () => {
    const block = decode('common.Block', fixtureBytes('genesis.block')).value! as Any;
    const envelope = decode('common.Envelope', block.data.data[0]).value! as Any;
    const payload = decode('common.Payload', envelope.payload).value! as Any;
    const header = decode('common.ChannelHeader', payload.header.channel_header).value! as Any;
    header.type = 3;
    payload.header.channel_header = encode('common.ChannelHeader', header).value;
    envelope.payload = encode('common.Payload', payload).value;
    block.data.data = [encode('common.Envelope', envelope).value];
    const result = configFromBlock(encode('common.Block', block).value!);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'data.data[0].payload.header: the transaction has header type 3, not CONFIG (1)',
    ]);
  });
});

describe('wrapConfigUpdate', () => {
  it('keeps the update bytes exactly, even when they are not in our canonical encoding', () => {
    const updateBytes = fixtureBytes('batchsize-update.pb');
    const signatureHeader = encode('common.SignatureHeader', { nonce: new Uint8Array([1, 2, 3]) }).value!;
    const signatures = [{ signature_header: signatureHeader, signature: new Uint8Array([48, 6, 9]) }];
    const envelopeBytes = wrapConfigUpdate(updateBytes, signatures, 'mychannel', {
      timestamp: new Date('2026-01-02T03:04:05.678Z'),
    });
    const envelope = decode('common.Envelope', envelopeBytes).value as ProtoMessage;
    const payload = decode('common.Payload', envelope.payload as Uint8Array).value as Any;
    const configUpdateEnvelope = decode('common.ConfigUpdateEnvelope', payload.data).value as Any;
    expect(Buffer.from(configUpdateEnvelope.config_update).equals(Buffer.from(updateBytes))).toBe(true);

    const json = toJson('common.Envelope', envelope).value as Any;
    expect(json.signature).toBeNull();
    expect(json.payload.header.channel_header).toMatchObject({
      channel_id: 'mychannel',
      type: 2,
      timestamp: '2026-01-02T03:04:05Z',
      tx_id: '',
      epoch: '0',
    });
    expect(json.payload.data.config_update).toEqual(fixtureJson('batchsize-update.json'));
    expect(json.payload.data.signatures).toEqual([
      { signature: Buffer.from([48, 6, 9]).toString('base64'), signature_header: { creator: null, nonce: 'AQID' } },
    ]);
  });
});
