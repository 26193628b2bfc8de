/* TEST-ONLY stub for running the Windows build under Wine 8 (packaging/test-windows.sh).
   Never shipped in the installer. Source: shared/windows-under-wine.md. */
/* Stand-in for bcryptprimitives.dll (Windows 10+), absent in Wine 8.
   Chromium/PDFium (Qt6Pdf.dll) calls ProcessPrng and CHECK-crashes if missing. */
#include <windows.h>
#include <bcrypt.h>
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
        data += chunk; len -= chunk;
    }
    return TRUE;
}
