/** Stand-ins for keytar and Electron's safeStorage, each able to misbehave the way the real ones do. */
import type { Keytar } from '../../../main/vault/keychain-vault';
import type { SafeStorage } from '../../../main/vault/safe-storage-vault';

const never = <T>() => new Promise<T>(() => {});

export class FakeKeytar implements Keytar {
  readonly entries = new Map<string, string>();
  readonly calls: string[] = [];
  /** A keyring that is present but locked answers null to every read, as libsecret does. */
  locked = false;
  hang: 'none' | 'all' | 'get' = 'none';
  failWith: string | undefined;

  async getPassword(service: string, account: string): Promise<string | null> {
    this.calls.push(`get ${service} / ${account}`);
    if (this.hang !== 'none') return never();
    if (this.failWith !== undefined) throw new Error(this.failWith);
    return this.locked ? null : (this.entries.get(`${service}/${account}`) ?? null);
  }

  async setPassword(service: string, account: string, password: string): Promise<void> {
    this.calls.push(`set ${service} / ${account}`);
    if (this.hang === 'all') return never();
    if (this.failWith !== undefined) throw new Error(this.failWith);
    if (!this.locked) this.entries.set(`${service}/${account}`, password);
  }

  async deletePassword(service: string, account: string): Promise<boolean> {
    this.calls.push(`delete ${service} / ${account}`);
    if (this.hang === 'all') return never();
    if (this.failWith !== undefined) throw new Error(this.failWith);
    return this.entries.delete(`${service}/${account}`);
  }
}

const HEADER = Buffer.from('FAKE');

/** Reversible and keyed (XOR), so a test can see the file holds no plaintext and another key cannot read it. */
export class FakeSafeStorage implements SafeStorage {
  backend = 'gnome_libsecret';
  available = true;
  hang = false;
  key = 0x5a;

  selectedBackend(): string {
    return this.backend;
  }

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    if (this.hang) return never();
    return this.available;
  }

  async encryptStringAsync(plainText: string): Promise<Uint8Array> {
    if (this.hang) return never();
    return Buffer.concat([HEADER, Buffer.from([this.key]), this.xor(Buffer.from(plainText, 'utf8'))]);
  }

  async decryptStringAsync(encrypted: Uint8Array): Promise<{ result: string }> {
    const bytes = Buffer.from(encrypted);
    if (!bytes.subarray(0, HEADER.length).equals(HEADER) || bytes[HEADER.length] !== this.key) {
      throw new Error('Decryption failed');
    }
    return { result: this.xor(bytes.subarray(HEADER.length + 1)).toString('utf8') };
  }

  private xor(bytes: Buffer): Buffer {
    return Buffer.from(bytes.map((byte) => byte ^ this.key));
  }
}
