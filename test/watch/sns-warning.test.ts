// `lockout watch --sns` prints nothing of its own on standard error: the AWS SDK's notice about the Node.js
// versions it will support (a process warning, once per process) is not the user's alert, as `lockout scan`
// already decides. A file of its own, so that the channel's client is the first the process makes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { snsChannel } from '../../src/watch/index.js';
import { startMotoServer, type MotoServer } from '../aws/moto-server.js';

let moto: MotoServer;

beforeAll(async () => {
  moto = await startMotoServer();
});

afterAll(async () => {
  await moto.stop();
});

it('publishing to SNS raises no SDK version notice', async () => {
  Reflect.deleteProperty(process.env, 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED');
  const warnings: string[] = [];
  const listener = (warning: Error): void => {
    warnings.push(warning.message);
  };
  process.on('warning', listener);
  try {
    const channel = snsChannel({
      name: 'alerts',
      topicArn: 'arn:aws:sns:us-east-1:123456789012:not-there',
      endpoint: moto.url,
    });
    const stored = JSON.stringify({
      version: 1,
      tool: { name: 'lockout', version: '0.0.0' },
      round: {
        id: 1,
        startedAt: '2026-12-03T08:00:00.000Z',
        asOf: '2026-12-03',
        mode: 'offline',
        scope: '/x',
      },
      counts: {},
      alerts: [],
    });
    // The topic is not there: the call is made (the client built, the notice due) and refused.
    await expect(channel.send(stored, 1, 5_000)).rejects.toThrow(/^NotFound/);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((message) => message.includes('NodeVersionSupportWarning'))).toEqual([]);
  } finally {
    process.off('warning', listener);
  }
});
