/** Which addresses the app sends a password to. */
import { describe, expect, it } from 'vitest';
import { parseBaseUrl } from '../../../main/session/base-url';

describe('parseBaseUrl', () => {
  it.each([
    ['https://omni.mmdsmart.com', 'https://omni.mmdsmart.com'],
    ['https://omni.mmdsmart.com/', 'https://omni.mmdsmart.com'],
    ['  https://proxy.example.com/2way/ ', 'https://proxy.example.com/2way'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://127.3.2.1:80/', 'http://127.3.2.1'],
    ['http://localhost:4010', 'http://localhost:4010'],
    ['http://[::1]:4010', 'http://[::1]:4010'],
  ])('accepts %s as %s', (raw, normal) => {
    expect(parseBaseUrl(raw)).toEqual({ ok: true, value: normal });
  });

  it.each([
    'http://omni.mmdsmart.com',
    'http://192.168.1.10:4010',
    'http://128.0.0.1',
    'http://localhost.evil.example',
    'ftp://omni.mmdsmart.com',
    'omni.mmdsmart.com',
    'https://user:pass@omni.mmdsmart.com',
    'https://omni.mmdsmart.com/?x=1',
  ])('refuses %s, naming the field', (raw) => {
    expect(parseBaseUrl(raw)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'baseUrl' } });
  });
});
