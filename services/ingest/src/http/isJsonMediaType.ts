/**
 * The media types that mean JSON here: `application/json`, optionally with `charset=utf-8`
 * (RFC 8259: JSON is UTF-8). Type and parameter names are case-insensitive. Anything else —
 * `+json` suffixes such as `application/json-patch+json`, other charsets, wildcards, or no
 * content type — is answered 415, because the body would mean something else or be read wrongly.
 */
const JSON_MEDIA_TYPE = /^application\/json[ \t]*(?:;[ \t]*charset[ \t]*=[ \t]*(?:utf-8|"utf-8")[ \t]*)?$/i;

export const isJsonMediaType = (contentType: string | undefined): boolean => contentType !== undefined && JSON_MEDIA_TYPE.test(contentType);
