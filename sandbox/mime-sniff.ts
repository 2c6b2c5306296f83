/**
 * The sandbox types uploads with the app's own sniffer (common/media-sniff.ts), so the app refuses exactly what the
 * sandbox would; this module keeps the sandbox's import path working.
 */
export { sniffMime } from '../common/media-sniff';
