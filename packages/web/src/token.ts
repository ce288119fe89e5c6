/**
 * The access token arrives in the address fragment (`#token=…`, never sent to the server or in a
 * Referer). It is moved into sessionStorage and removed from the address bar at once.
 */
const KEY = 'threatwright.token';

export function takeToken(location: Pick<Location, 'hash' | 'pathname' | 'search'>, storage: Pick<Storage, 'getItem' | 'setItem'>, history: Pick<History, 'replaceState'>): string {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    storage.setItem(KEY, fromHash);
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    return fromHash;
  }
  return storage.getItem(KEY) ?? '';
}
