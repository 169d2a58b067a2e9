/* Every provider dialtop speaks, in the order screens list them.
 *
 * An X-macro: PROVIDER_ITEM(ENUM_SUFFIX, file) once per provider. model.h
 * turns it into provider_t (PROVIDER_OMNIDIM, ...), providers.c into the
 * registry of descriptions (provider_omnidim, from api/providers/omnidim.c).
 * WHY a list and not a scan at link time: the order is what the help
 * screen, README and `dialtop ls` show, and a static library drops objects
 * nobody names. Adding a provider is one line here plus its own file
 * (docs/adding-a-provider.md). No include guard: it is read once per use. */
PROVIDER_ITEM(OMNIDIM, omnidim)
PROVIDER_ITEM(TRUEDY, truedy)
PROVIDER_ITEM(SARVAM, sarvam)
