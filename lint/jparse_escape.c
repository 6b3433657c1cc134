/* jparse_escape.c — a JSON string's escapes: \uXXXX digits, and the value of an escaped string, written where it stood. */
#include "jparse_escape.h"

#include <string.h>

long jparse_hex4(const char *s, size_t n, size_t off)
{
	long v = 0;
	for (size_t k = 0; k < 4; k++) {
		char h = off + k < n ? s[off + k] : 0;
		int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* UTF-8 of code point u at out; its length. */
static size_t put_utf8(char *out, unsigned long u)
{
	if (u < 0x80) {
		out[0] = (char)u;
		return 1;
	}
	if (u < 0x800) {
		out[0] = (char)(0xC0 | (u >> 6));
		out[1] = (char)(0x80 | (u & 0x3F));
		return 2;
	}
	if (u < 0x10000) {
		out[0] = (char)(0xE0 | (u >> 12));
		out[1] = (char)(0x80 | ((u >> 6) & 0x3F));
		out[2] = (char)(0x80 | (u & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (u >> 18));
	out[1] = (char)(0x80 | ((u >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((u >> 6) & 0x3F));
	out[3] = (char)(0x80 | (u & 0x3F));
	return 4;
}

char *jparse_unescape(const char *raw, size_t rlen, char *out, size_t *len)
{
	/* an escape never takes more bytes than it is written with: the value fits where it was written */
	size_t o = 0;
	int nul = 0;
	for (size_t k = 0; k < rlen;) {
		if (raw[k] != '\\') {
			out[o++] = raw[k++];
			continue;
		}
		char e = raw[k + 1];
		k += 2;
		switch (e) {
		case 'b': out[o++] = '\b'; break;
		case 'f': out[o++] = '\f'; break;
		case 'n': out[o++] = '\n'; break;
		case 'r': out[o++] = '\r'; break;
		case 't': out[o++] = '\t'; break;
		case 'u': {
			/* the four digits, checked by the scan: within raw */
			unsigned long u = (unsigned long)jparse_hex4(raw, rlen, k);
			k += 4;
			if (u >= 0xD800 && u <= 0xDBFF) {   /* and its low half, \uDC00-\uDFFF */
				unsigned long lo = (unsigned long)jparse_hex4(raw, rlen, k + 2);
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				k += 6;
			}
			nul |= u == 0;
			o += put_utf8(out + o, u);
			break;
		}
		default: out[o++] = e; break;   /* \" \\ \/ */
		}
	}
	out[o] = '\0';
	*len = nul ? strlen(out) : o;
	return out;
}
