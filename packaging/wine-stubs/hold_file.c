/* TEST-ONLY helper for packaging/test-windows.sh: hold a file open the way another Windows program
   (an editor, a virus scanner, a backup tool) does - reading allowed, no FILE_SHARE_DELETE/WRITE - so
   that os.replace() onto it is refused. Usage: hold_file.exe FILE SECONDS */
#include <windows.h>
#include <stdio.h>
int wmain(int argc, wchar_t **argv)
{
    if (argc < 3) return 2;
    HANDLE h = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) { printf("open failed %lu\n", GetLastError()); return 1; }
    printf("holding\n"); fflush(stdout);
    Sleep((DWORD)_wtoi(argv[2]) * 1000);
    CloseHandle(h);
    printf("released\n");
    return 0;
}
