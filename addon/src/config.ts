// Build-time configuration: addon/build.ts replaces __TSUGI_API_URL__ with the API's URL (the
// same URL goes into the manifest's urlFetchWhitelist). Unbundled (tests) it is the local default.
declare const __TSUGI_API_URL__: string | undefined;

export const LOCAL_API_URL = 'http://127.0.0.1:8787';
export const API_URL: string = (typeof __TSUGI_API_URL__ === 'string' ? __TSUGI_API_URL__ : LOCAL_API_URL).replace(/\/+$/, '');
