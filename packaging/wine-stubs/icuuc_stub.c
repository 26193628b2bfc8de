/* TEST-ONLY stub for running the Windows build under Wine 8 (packaging/test-windows.sh).
   Never shipped in the installer. Source: shared/windows-under-wine.md. */
/* Minimal stand-in for Windows' system icuuc.dll, enough for Qt6Core.dll.
   Qt only uses ucnv_* for codecs it does not implement itself (everything
   except UTF-8/16/32 and Latin-1/System). Every converter open fails, so Qt
   behaves as if ICU knew no extra codecs. */
#include <stdint.h>
#include <stddef.h>
typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4
#define U_UNSUPPORTED_ERROR 16
#define EXP __declspec(dllexport)
#define SETERR(e, v) do { if ((e) && *(e) <= 0) *(e) = (v); } while (0)
EXP void *ucnv_open(const char *name, UErrorCode *err) { (void)name; SETERR(err, U_FILE_ACCESS_ERROR); return NULL; }
EXP void ucnv_close(void *c) { (void)c; }
EXP void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *ctx, void *a, const uint16_t *cu, int32_t len, int32_t cp, int reason, UErrorCode *err) { (void)ctx;(void)a;(void)cu;(void)len;(void)cp;(void)reason; SETERR(err, U_UNSUPPORTED_ERROR); }
EXP void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *ctx, void *a, const char *cu, int32_t len, int reason, UErrorCode *err) { (void)ctx;(void)a;(void)cu;(void)len;(void)reason; SETERR(err, U_UNSUPPORTED_ERROR); }
EXP void ucnv_reset(void *c) { (void)c; }
EXP int8_t ucnv_getMaxCharSize(const void *c) { (void)c; return 1; }
EXP const char *ucnv_getName(const void *c, UErrorCode *err) { (void)c; SETERR(err, U_UNSUPPORTED_ERROR); return NULL; }
EXP void ucnv_getToUCallBack(const void *c, void **action, const void **ctx) { (void)c; if (action) *action = NULL; if (ctx) *ctx = NULL; }
EXP void ucnv_getFromUCallBack(const void *c, void **action, const void **ctx) { (void)c; if (action) *action = NULL; if (ctx) *ctx = NULL; }
EXP void ucnv_setToUCallBack(void *c, void *na, const void *nc, void **oa, const void **oc, UErrorCode *err) { (void)c;(void)na;(void)nc; if (oa) *oa = NULL; if (oc) *oc = NULL; SETERR(err, U_UNSUPPORTED_ERROR); }
EXP void ucnv_setFromUCallBack(void *c, void *na, const void *nc, void **oa, const void **oc, UErrorCode *err) { (void)c;(void)na;(void)nc; if (oa) *oa = NULL; if (oc) *oc = NULL; SETERR(err, U_UNSUPPORTED_ERROR); }
EXP void ucnv_cbToUWriteUChars(void *a, const uint16_t *s, int32_t len, int32_t off, UErrorCode *err) { (void)a;(void)s;(void)len;(void)off; SETERR(err, U_UNSUPPORTED_ERROR); }
EXP void ucnv_toUnicode(void *c, uint16_t **t, const uint16_t *tl, const char **s, const char *sl, int32_t *o, int8_t f, UErrorCode *err) { (void)c;(void)t;(void)tl;(void)s;(void)sl;(void)o;(void)f; SETERR(err, U_UNSUPPORTED_ERROR); }
EXP void ucnv_cbFromUWriteUChars(void *a, const uint16_t **s, const uint16_t *sl, int32_t off, UErrorCode *err) { (void)a;(void)s;(void)sl;(void)off; SETERR(err, U_UNSUPPORTED_ERROR); }
EXP int32_t ucnv_toUCountPending(const void *c, UErrorCode *err) { (void)c; SETERR(err, U_UNSUPPORTED_ERROR); return 0; }
EXP int32_t ucnv_fromUCountPending(const void *c, UErrorCode *err) { (void)c; SETERR(err, U_UNSUPPORTED_ERROR); return 0; }
EXP const char *ucnv_getStandardName(const char *n, const char *std, UErrorCode *err) { (void)n;(void)std; SETERR(err, U_FILE_ACCESS_ERROR); return NULL; }
EXP const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXP int32_t ucnv_countAvailable(void) { return 0; }
EXP void ucnv_fromUnicode(void *c, char **t, const char *tl, const uint16_t **s, const uint16_t *sl, int32_t *o, int8_t f, UErrorCode *err) { (void)c;(void)t;(void)tl;(void)s;(void)sl;(void)o;(void)f; SETERR(err, U_UNSUPPORTED_ERROR); }
