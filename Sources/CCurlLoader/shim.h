/* Webhook POSTs through libcurl, loaded with dlopen when a notification is sent.
 * Linking libcurl (as Foundation's URLSession does) loads it and the ~35 libraries it needs
 * (GnuTLS, Kerberos, LDAP, ...) at every start of jimu: about 12 ms on each run and command, for
 * a notification that few runs send. libcurl4 comes with the Swift toolchain on Debian.
 * The option numbers are libcurl's stable ABI (curl/curl.h), whose headers need not be installed. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

enum {
    JIMU_CURLOPT_TIMEOUT = 13,
    JIMU_CURLOPT_POSTFIELDSIZE = 60,
    JIMU_CURLOPT_NOSIGNAL = 99,
    JIMU_CURLOPT_URL = 10002,
    JIMU_CURLOPT_ERRORBUFFER = 10010,
    JIMU_CURLOPT_POSTFIELDS = 10015,
    JIMU_CURLOPT_HTTPHEADER = 10023,
    JIMU_CURLOPT_PROTOCOLS_STR = 10318,
    JIMU_CURLOPT_WRITEFUNCTION = 20011,
    JIMU_CURLINFO_RESPONSE_CODE = 0x200002,
};

static inline size_t jimu_curl_discard(char *data, size_t size, size_t count, void *context) {
    (void)data;
    (void)context;
    return size * count;
}

/* POSTs `length` bytes of JSON to `url` (http or https), waiting at most `timeout` seconds.
 * Returns the HTTP status, or -1 with the reason in `error` (at least 256 bytes). */
static inline long jimu_post_json(const char *url, const void *body, long length, long timeout, char *error) {
    error[0] = 0;
    void *curl = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!curl) {
        snprintf(error, 256, "libcurl.so.4 cannot be loaded (apt-get install libcurl4): %s", dlerror());
        return -1;
    }
    void *(*easy_init)(void) = (void *(*)(void))dlsym(curl, "curl_easy_init");
    int (*setopt)(void *, int, ...) = (int (*)(void *, int, ...))dlsym(curl, "curl_easy_setopt");
    int (*perform)(void *) = (int (*)(void *))dlsym(curl, "curl_easy_perform");
    int (*getinfo)(void *, int, ...) = (int (*)(void *, int, ...))dlsym(curl, "curl_easy_getinfo");
    void (*cleanup)(void *) = (void (*)(void *))dlsym(curl, "curl_easy_cleanup");
    const char *(*describe)(int) = (const char *(*)(int))dlsym(curl, "curl_easy_strerror");
    void *(*slist_append)(void *, const char *) = (void *(*)(void *, const char *))dlsym(curl, "curl_slist_append");
    void (*slist_free)(void *) = (void (*)(void *))dlsym(curl, "curl_slist_free_all");
    void *handle = easy_init && setopt && perform && getinfo && cleanup && describe && slist_append && slist_free ? easy_init() : NULL;
    if (!handle) {
        snprintf(error, 256, "libcurl.so.4 cannot start a request");
        return -1;
    }
    void *headers = slist_append(NULL, "Content-Type: application/json; charset=utf-8");
    setopt(handle, JIMU_CURLOPT_URL, url);
    setopt(handle, JIMU_CURLOPT_PROTOCOLS_STR, "http,https");
    setopt(handle, JIMU_CURLOPT_HTTPHEADER, headers);
    setopt(handle, JIMU_CURLOPT_POSTFIELDSIZE, length);
    setopt(handle, JIMU_CURLOPT_POSTFIELDS, body);
    setopt(handle, JIMU_CURLOPT_TIMEOUT, timeout);
    setopt(handle, JIMU_CURLOPT_NOSIGNAL, 1L);
    setopt(handle, JIMU_CURLOPT_WRITEFUNCTION, jimu_curl_discard);
    setopt(handle, JIMU_CURLOPT_ERRORBUFFER, error);
    long status = -1;
    int result = perform(handle);
    if (result == 0) {
        getinfo(handle, JIMU_CURLINFO_RESPONSE_CODE, &status);
    } else if (error[0] == 0) {
        snprintf(error, 256, "%s", describe(result));
    }
    cleanup(handle);
    slist_free(headers);
    return status;
}
