/** The guest's holder secret: HttpOnly, and sent only to the visit API. */
export const GUEST_COOKIE = 'portico_guest';
export const GUEST_COOKIE_PATH = '/api/visits';
