// Ledger heights from Prometheus text: the ledger gauge per channel, the Raft gauge (+1) as a fallback,
// escaped label values, other labels, comments, timestamps and unrelated metrics ignored.
import { describe, expect, it } from 'vitest';
import { channelHeights } from '../../../src/apply/health/index.js';

describe('channelHeights', () => {
  it('reads ledger_blockchain_height per channel, sorted by channel', () => {
    const text = [
      '# HELP ledger_blockchain_height Height of the chain in blocks.',
      '# TYPE ledger_blockchain_height gauge',
      'ledger_blockchain_height{channel="production"} 120',
      'ledger_blockchain_height{channel="distribution"} 7 1700000000000',
      'ledger_blockchain_height_other{channel="x"} 9',
      'ledger_transaction_count{channel="production",chaincode="cc",transaction_type="ENDORSER_TRANSACTION",validation_code="VALID"} 300',
    ].join('\n');
    expect(Object.entries(channelHeights(text))).toEqual([
      ['distribution', 7],
      ['production', 120],
    ]);
  });

  it('falls back to the Raft committed block number + 1, preferring the ledger gauge when both exist', () => {
    const text = [
      'consensus_etcdraft_committed_block_number{channel="a"} 41',
      'consensus_etcdraft_committed_block_number{channel="b"} 10',
      'ledger_blockchain_height{channel="b"} 12',
    ].join('\n');
    expect(channelHeights(text)).toEqual({ a: 42, b: 12 });
  });

  it('unescapes label values and skips samples without a channel or with a non-number value', () => {
    const text = [
      'ledger_blockchain_height{channel="we\\"ird"} 3',
      'ledger_blockchain_height 5',
      'ledger_blockchain_height{channel="nan"} NaN',
    ].join('\n');
    expect(channelHeights(text)).toEqual({ 'we"ird': 3 });
  });
});
