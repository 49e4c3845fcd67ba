// Test support for the AWS observer tests: the emulator, an AWS environment that points only at
// it, shared config files we control, and a guard that every connection went to loopback.
//
// The AWS SDK reads its settings (endpoints, credential files, the IMDS switch) from
// process.env, so each test file sets process.env; vitest runs every test file in its own
// process, so files cannot disturb one another.

import dc from "node:diagnostics_channel";
import { mkdtemp, rm } from "node:fs/promises";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import {
  type AccessKey,
  type AwsEmulator,
  type AwsProfile,
  type EmulatedAccount,
  startAwsEmulator,
  writeAwsProfiles,
} from "../../../../src/lab/aws-emulator.js";
import {
  type AwsObserver,
  type AwsObserverOptions,
  createAwsObserver,
} from "../../../../src/observe/providers/route53/index.js";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** Outbound TCP connection attempts and name lookups made by this process. */
export interface ConnectionLog {
  readonly attempts: string[];
  readonly lookups: string[];
}

function watchConnections(): { log: ConnectionLog; stop(): void } {
  const log: ConnectionLog = { attempts: [], lookups: [] };
  const onSocket = (message: unknown): void => {
    const socket = (message as { socket: Socket }).socket;
    socket.on("connectionAttempt", (ip: string) => log.attempts.push(ip));
    socket.on("lookup", (_error: unknown, _address: unknown, _family: unknown, host: string) =>
      log.lookups.push(host),
    );
  };
  dc.subscribe("net.client.socket", onSocket);
  return { log, stop: () => dc.unsubscribe("net.client.socket", onSocket) };
}

/** Removes every AWS_* variable, then disables IMDS and the SDK's Node version notice. */
export function resetAwsEnvironment(): void {
  for (const name of Object.keys(process.env)) {
    if (name.startsWith("AWS_")) delete process.env[name];
  }
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
}

export interface AwsLab {
  readonly emulator: AwsEmulator;
  /** A fresh temporary directory per call (the SDK caches shared files by path). */
  tempDir(): Promise<string>;
  /** Writes profiles and points AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at them. */
  useProfiles(profiles: readonly AwsProfile[]): Promise<void>;
  /** An account with a long-term key; `default` (when asked) becomes the default profile. */
  account(accountId?: string): { account: EmulatedAccount; key: AccessKey };
  /** An observer closed after the file's tests. Fast rate limit unless the options say otherwise. */
  observer(options?: Partial<AwsObserverOptions>): AwsObserver;
  readonly connections: ConnectionLog;
}

/**
 * Starts the emulator for this test file, points the SDK's endpoint variables at it and checks,
 * after all tests, that no connection or lookup went anywhere but loopback.
 */
export function useAwsLab(): AwsLab {
  let emulator: AwsEmulator | undefined;
  let root: string | undefined;
  let counter = 0;
  const observers: AwsObserver[] = [];
  const watcher = watchConnections();

  beforeAll(async () => {
    resetAwsEnvironment();
    emulator = await startAwsEmulator();
    Object.assign(process.env, emulator.endpointEnv);
    root = await mkdtemp(join(tmpdir(), "domain-drift-aws-"));
    // No credentials anywhere until a test provides some.
    const empty = await writeAwsProfiles(join(root, "empty"), []);
    process.env.AWS_CONFIG_FILE = empty.configFile;
    process.env.AWS_SHARED_CREDENTIALS_FILE = empty.credentialsFile;
  });

  afterAll(async () => {
    await Promise.all(observers.map((observer) => observer.close()));
    watcher.stop();
    await emulator?.close();
    if (root !== undefined) await rm(root, { recursive: true, force: true });
    expect(watcher.log.attempts.filter((ip) => !LOOPBACK.test(ip))).toEqual([]);
    expect(watcher.log.lookups.filter((host) => host !== "localhost")).toEqual([]);
  });

  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not ready (use it inside a test)`);
    return value;
  };

  const lab: AwsLab = {
    get emulator() {
      return required(emulator, "the AWS emulator");
    },
    async tempDir() {
      counter += 1;
      return join(required(root, "the temporary directory"), `t${counter}`);
    },
    async useProfiles(profiles) {
      const files = await writeAwsProfiles(await lab.tempDir(), profiles);
      process.env.AWS_CONFIG_FILE = files.configFile;
      process.env.AWS_SHARED_CREDENTIALS_FILE = files.credentialsFile;
    },
    account(accountId) {
      const account = lab.emulator.addAccount(accountId);
      return { account, key: account.createAccessKey() };
    },
    observer(options) {
      const observer = createAwsObserver({
        accounts: new Map(),
        cacheDir: undefined,
        requestsPerSecond: 1000,
        ...options,
      });
      observers.push(observer);
      return observer;
    },
    connections: watcher.log,
  };
  return lab;
}

/** Sets the default chain's static credentials (AWS_ACCESS_KEY_ID and friends). */
export function useEnvironmentCredentials(key: AccessKey): void {
  process.env.AWS_ACCESS_KEY_ID = key.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = key.secretAccessKey;
  if (key.sessionToken === undefined) delete process.env.AWS_SESSION_TOKEN;
  else process.env.AWS_SESSION_TOKEN = key.sessionToken;
}

export function clearEnvironmentCredentials(): void {
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
  delete process.env.AWS_SESSION_TOKEN;
}
