/* TEST-ONLY stub for running the Windows build under Wine 8 (packaging/test-windows.sh).
   Never shipped in the installer. Source: shared/windows-under-wine.md. */
/* Stand-in for mscms.dll for Qt's qwindows.dll under Wine 8, whose mscms lacks
   WcsCreateIccProfile (Wine aborts the process on the call). Every function
   reports "no colour profile", so Qt falls back to sRGB. */
#include <windows.h>
#define EXP __declspec(dllexport)
EXP HANDLE WINAPI OpenColorProfileW(void *profile, DWORD access, DWORD share, DWORD creation) { (void)profile;(void)access;(void)share;(void)creation; SetLastError(ERROR_NOT_SUPPORTED); return NULL; }
EXP BOOL WINAPI CloseColorProfile(HANDLE h) { (void)h; return TRUE; }
EXP BOOL WINAPI GetColorProfileFromHandle(HANDLE h, BYTE *buf, DWORD *size) { (void)h;(void)buf; if (size) *size = 0; SetLastError(ERROR_NOT_SUPPORTED); return FALSE; }
EXP HANDLE WINAPI WcsCreateIccProfile(HANDLE h, DWORD options) { (void)h;(void)options; SetLastError(ERROR_NOT_SUPPORTED); return NULL; }
