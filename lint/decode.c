/* decode.c — input bytes in any supported encoding → UTF-8, or the byte offset where they stop making sense. */
#include "decode.h"
#include "utf8_simd.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

size_t utf8_valid_prefix(const unsigned char *s, size_t n)
{
	if (n >= 64 && utf8_all_valid_fast(s, n) == 1)   /* the usual answer, for a whole file: all of it */
		return n;
	size_t i = 0;
	while (i < n) {
		while (n - i >= 8) {   /* runs of ASCII, eight bytes at a time */
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080u)
				break;
			i += 8;
		}
		while (i < n && s[i] < 0x80)
			i++;
		/* runs of three-byte characters (CJK, full-width punctuation): E1-EC and EE-EF
		 * take any two continuation bytes; E0 needs A0 or above, ED below A0 (no surrogates) */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		while (n - i >= 4) {   /* the usual ones (not E0, not ED) four bytes at a time, from one load */
			uint32_t w;
			memcpy(&w, s + i, 4);
			unsigned low = w & 0x0F;
			if ((w & 0xC0C0F0u) != 0x8080E0u || low == 0x0 || low == 0xD)
				break;
			i += 3;
		}
#endif
		while (n - i >= 3 && (s[i] & 0xF0) == 0xE0 && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
			if (s[i] == 0xE0 ? s[i + 1] < 0xA0 : s[i] == 0xED && s[i + 1] >= 0xA0)
				return i;
			i += 3;
		}
		if (i >= n || s[i] < 0x80)
			continue;
		if ((s[i] & 0xF0) == 0xE0)
			return i;   /* a three-byte character cut short, or without its continuation bytes */
		unsigned c = s[i];
		size_t len;
		unsigned min;
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2; min = 0x80;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4; min = 0x10000;
		} else {
			return i;
		}
		if (n - i < len)
			return i;
		unsigned cp = c & (0xFF >> (len + 1));
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF)
			return i;
		i += len;
	}
	return n;
}

/* Format the Chinese message; when it is cut short, a partial last character goes too. */
static void set_zh(decode_err *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsnprintf(err->msg_zh, sizeof err->msg_zh, fmt, ap);
	va_end(ap);
	if (r >= (int)sizeof err->msg_zh)
		err->msg_zh[utf8_valid_prefix((const unsigned char *)err->msg_zh, strlen(err->msg_zh))] = '\0';
}

static int fail(decode_err *err, size_t off, const char *en, const char *zh)
{
	err->offset = off;
	snprintf(err->msg, sizeof err->msg, "%s", en);
	snprintf(err->msg_zh, sizeof err->msg_zh, "%s", zh);
	return -1;
}

/* Convert with iconv; on failure report the input byte offset. */
static int convert(const char *from, const unsigned char *buf, size_t n, size_t base,
		   decode_result *out, decode_err *err)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1) {
		err->offset = 0;
		snprintf(err->msg, sizeof err->msg, "unknown encoding '%s'", from);
		set_zh(err, "未知的编码“%s”", from);
		return -1;
	}
	size_t cap = n * 2 + 16;
	char *dst = malloc(cap);
	if (!dst) {
		iconv_close(cd);
		return fail(err, 0, "out of memory", "内存不足");
	}
	char *in = (char *)buf;
	size_t inleft = n;
	char *o = dst;
	size_t oleft = cap - 1;
	while (inleft > 0) {
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			size_t used = (size_t)(o - dst);
			cap *= 2;
			char *bigger = realloc(dst, cap);
			if (!bigger) {
				free(dst);
				iconv_close(cd);
				return fail(err, 0, "out of memory", "内存不足");
			}
			dst = bigger;
			o = dst + used;
			oleft = cap - used - 1;
			continue;
		}
		int cut = errno == EINVAL;   /* before free() and iconv_close() may change errno */
		size_t off = base + (size_t)(in - (char *)buf);
		free(dst);
		iconv_close(cd);
		err->offset = off;
		snprintf(err->msg, sizeof err->msg, "%s at byte %zu as %s",
			 cut ? "truncated character" : "invalid byte sequence", off, from);
		set_zh(err, "按 %s 解码时，字节偏移 %zu 处的%s", from, off, cut ? "字符不完整" : "字节序列无效");
		return -1;
	}
	iconv_close(cd);
	*o = '\0';
	out->utf8 = dst;
	out->len = (size_t)(o - dst);
	return 0;
}

/* Bytes that are UTF-8 already: out->utf8 is a copy of them, or the buffer
 * itself when the caller hands it over (adopt: malloc'd, room for the NUL). */
static int copy_utf8(const unsigned char *buf, size_t n, unsigned char *adopt, decode_result *out, decode_err *err)
{
	if (adopt && adopt == buf) {
		adopt[n] = '\0';
		out->utf8 = (char *)adopt;
		out->len = n;
		return 0;
	}
	char *dst = malloc(n + 1);
	if (!dst)
		return fail(err, 0, "out of memory", "内存不足");
	memcpy(dst, buf, n);
	dst[n] = '\0';
	out->utf8 = dst;
	out->len = n;
	return 0;
}

/* UTF-16 without a BOM: most code units of ASCII-heavy JSON have one zero byte. */
static const char *guess_utf16(const unsigned char *buf, size_t n)
{
	if (n < 4 || n % 2 || !memchr(buf, 0, n))   /* text of any length has zero bytes in UTF-16 */
		return NULL;
	size_t even = 0, odd = 0, pairs = n / 2;
	for (size_t i = 0; i + 1 < n; i += 2) {
		even += buf[i] == 0;
		odd += buf[i + 1] == 0;
	}
	if (odd * 10 >= pairs * 3 && even * 10 < pairs)
		return "UTF-16LE";
	if (even * 10 >= pairs * 3 && odd * 10 < pairs)
		return "UTF-16BE";
	return NULL;
}

/* The input byte offset of the first NUL character: a 0x0000 code unit in
 * UTF-16, a zero byte in the byte encodings. */
static size_t nul_offset(const unsigned char *buf, size_t n, size_t skip, const char *enc)
{
	if (enc && !strncasecmp(enc, "UTF-16", 6)) {
		for (size_t i = skip; i + 1 < n; i += 2)
			if (!buf[i] && !buf[i + 1])
				return i;
		return n;
	}
	const unsigned char *z = skip < n ? memchr(buf + skip, 0, n - skip) : NULL;
	return z ? (size_t)(z - buf) : n;
}

static int refuse_nul(decode_result *out, decode_err *err, const unsigned char *buf, size_t n, size_t skip)
{
	if (!memchr(out->utf8, '\0', out->len))
		return 0;
	size_t off = nul_offset(buf, n, skip, out->encoding);
	free(out->utf8);
	out->utf8 = NULL;
	err->offset = off;
	snprintf(err->msg, sizeof err->msg, "NUL character in the text (at byte %zu)", off);
	set_zh(err, "文本中有 NUL 字符（字节偏移 %zu）", off);
	return -1;
}

static int decode(const unsigned char *buf, size_t n, const char *force, unsigned char *adopt, int *adopted,
		  decode_result *out, decode_err *err)
{
	memset(out, 0, sizeof *out);
	size_t skip = 0;
	int rc;
	if (force) {
		if (!strcasecmp(force, "UTF-8") || !strcasecmp(force, "UTF8")) {
			skip = n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
			size_t ok = utf8_valid_prefix(buf + skip, n - skip);
			if (ok != n - skip) {
				err->offset = skip + ok;
				snprintf(err->msg, sizeof err->msg, "invalid UTF-8 at byte %zu", skip + ok);
				set_zh(err, "字节偏移 %zu 处不是有效的 UTF-8", skip + ok);
				return -1;
			}
			rc = copy_utf8(buf + skip, n - skip, adopt, out, err);
		} else {
			rc = convert(force, buf, n, 0, out, err);
		}
		out->encoding = force;
	} else if (n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		skip = 3;
		size_t ok = utf8_valid_prefix(buf + 3, n - 3);
		if (ok != n - 3) {
			err->offset = 3 + ok;
			snprintf(err->msg, sizeof err->msg, "invalid UTF-8 at byte %zu (the file starts with a UTF-8 BOM)", 3 + ok);
			set_zh(err, "字节偏移 %zu 处不是有效的 UTF-8（文件以 UTF-8 BOM 开头）", 3 + ok);
			return -1;
		}
		rc = copy_utf8(buf + 3, n - 3, adopt, out, err);
		out->encoding = "UTF-8 with BOM";
	} else if (n >= 2 && buf[0] == 0xFF && buf[1] == 0xFE) {
		skip = 2;
		rc = convert("UTF-16LE", buf + 2, n - 2, 2, out, err);
		out->encoding = "UTF-16LE";
	} else if (n >= 2 && buf[0] == 0xFE && buf[1] == 0xFF) {
		skip = 2;
		rc = convert("UTF-16BE", buf + 2, n - 2, 2, out, err);
		out->encoding = "UTF-16BE";
	} else if (guess_utf16(buf, n)) {
		const char *enc = guess_utf16(buf, n);
		rc = convert(enc, buf, n, 0, out, err);
		out->encoding = enc;
	} else {
		size_t ok = utf8_valid_prefix(buf, n);
		if (ok == n) {
			rc = copy_utf8(buf, n, adopt, out, err);
			out->encoding = "UTF-8";
		} else {
			decode_err gerr;
			rc = convert("GB18030", buf, n, 0, out, &gerr);
			out->encoding = "GB18030";
			if (rc) {
				err->offset = ok;
				snprintf(err->msg, sizeof err->msg,
					 "neither UTF-8 (invalid at byte %zu) nor GB18030 (%.200s)", ok, gerr.msg);
				set_zh(err, "既不是 UTF-8（字节偏移 %zu 处无效），也不是 GB18030（%s）", ok, gerr.msg_zh);
				return -1;
			}
		}
	}
	if (rc)
		return rc;
	*adopted = adopt && out->utf8 == (char *)adopt;
	return refuse_nul(out, err, buf, n, skip);
}

int decode_bytes(const unsigned char *buf, size_t n, const char *force, decode_result *out, decode_err *err)
{
	int adopted = 0;
	return decode(buf, n, force, NULL, &adopted, out, err);
}

int decode_take(unsigned char *buf, size_t n, const char *force, decode_result *out, decode_err *err)
{
	int adopted = 0;
	int rc = decode(buf, n, force, buf, &adopted, out, err);
	if (!adopted)   /* converted, copied or refused before: the bytes are not needed any more (once adopted, */
		free(buf);   /* refuse_nul freed them with out->utf8 if it refused) */
	return rc;
}
