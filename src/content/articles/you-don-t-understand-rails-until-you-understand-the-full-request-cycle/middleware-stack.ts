/**
 * The Rack middleware a Rails 8.0 application builds, as a function of its configuration. It mirrors
 * `Rails::Application::DefaultMiddlewareStack#build_stack` in railties 8.0, plus the two entries that
 * other frameworks insert: the local cache of `Rails.cache` (Active Support, before `Rack::Runtime`)
 * and the pending-migration check (Active Record, after `ActionDispatch::Callbacks`). Gems add their
 * own lines (web-console, Propshaft in development); those are left out on purpose.
 */

/** The settings that decide which framework middleware a Rails 8.0 app uses. */
export interface StackConfig {
  /** `config.hosts` lists something (development lists localhost; production is empty). */
  hosts: boolean;
  /** `config.assume_ssl`: a TLS-terminating proxy sits in front. */
  assumeSsl: boolean;
  /** `config.force_ssl`: redirect to HTTPS, HSTS, secure cookies. */
  forceSsl: boolean;
  /** `config.public_file_server.enabled` (true unless turned off). */
  publicFileServer: boolean;
  /** `config.server_timing` (the development template turns it on). */
  serverTiming: boolean;
  /** `Rails.cache` has a per-request local cache (Solid Cache and the null store do; the memory store does not). */
  localCache: boolean;
  /** `config.api_only`: no cookies, sessions, flash or browser security headers. */
  apiOnly: boolean;
  /** `config.silence_healthcheck_path` is set (the production template sets "/up"). */
  silenceHealthcheck: boolean;
  /** `config.consider_all_requests_local`: full error pages. */
  considerAllRequestsLocal: boolean;
  /** `config.enable_reloading`: reload code between requests. */
  reloading: boolean;
  /** `config.active_record.migration_error = :page_load` (the development template). */
  checkPending: boolean;
}

/** `rails new` then `RAILS_ENV=production bin/rails middleware`: the production template's settings. */
export const PRODUCTION: StackConfig = {
  hosts: false,
  assumeSsl: true,
  forceSsl: true,
  publicFileServer: true,
  serverTiming: false,
  localCache: true, // Solid Cache prepends ActiveSupport::Cache::Strategy::LocalCache
  apiOnly: false,
  silenceHealthcheck: true,
  considerAllRequestsLocal: false,
  reloading: false,
  checkPending: false,
};

/** The development template's settings (without `tmp/caching-dev.txt`, so the cache is the null store). */
export const DEVELOPMENT: StackConfig = {
  hosts: true,
  assumeSsl: false,
  forceSsl: false,
  publicFileServer: true,
  serverTiming: true,
  localCache: true,
  apiOnly: false,
  silenceHealthcheck: false,
  considerAllRequestsLocal: true,
  reloading: true,
  checkPending: true,
};

export interface MiddlewareEntry {
  /** The name `bin/rails middleware` prints. */
  name: string;
  /** Whether this configuration includes it. */
  when: (c: StackConfig) => boolean;
  /** The setting that decides it, as a clause ("config.force_ssl is on"); "always" when nothing does. */
  condition: string;
}

const browser = (c: StackConfig) => !c.apiOnly;

/** Every framework middleware a Rails 8.0 app can have, in stack order (outermost first). */
export const MIDDLEWARE: readonly MiddlewareEntry[] = [
  { name: 'ActionDispatch::HostAuthorization', when: (c) => c.hosts, condition: 'config.hosts lists a host' },
  { name: 'ActionDispatch::AssumeSSL', when: (c) => c.assumeSsl, condition: 'config.assume_ssl is on' },
  { name: 'ActionDispatch::SSL', when: (c) => c.forceSsl, condition: 'config.force_ssl is on' },
  { name: 'Rack::Sendfile', when: () => true, condition: 'always' },
  { name: 'ActionDispatch::Static', when: (c) => c.publicFileServer, condition: 'config.public_file_server.enabled is on' },
  { name: 'ActionDispatch::Executor', when: () => true, condition: 'always' },
  { name: 'ActionDispatch::ServerTiming', when: (c) => c.serverTiming, condition: 'config.server_timing is on' },
  { name: 'ActiveSupport::Cache::Strategy::LocalCache::Middleware', when: (c) => c.localCache, condition: 'Rails.cache has a local cache (Solid Cache does)' },
  { name: 'Rack::Runtime', when: () => true, condition: 'always' },
  { name: 'Rack::MethodOverride', when: browser, condition: 'config.api_only is off' },
  { name: 'ActionDispatch::RequestId', when: () => true, condition: 'always' },
  { name: 'ActionDispatch::RemoteIp', when: () => true, condition: 'always' },
  { name: 'Rails::Rack::SilenceRequest', when: (c) => c.silenceHealthcheck, condition: 'config.silence_healthcheck_path is set' },
  { name: 'Rails::Rack::Logger', when: () => true, condition: 'always' },
  { name: 'ActionDispatch::ShowExceptions', when: () => true, condition: 'always' },
  { name: 'ActionDispatch::DebugExceptions', when: () => true, condition: 'always' },
  { name: 'ActionDispatch::ActionableExceptions', when: (c) => c.considerAllRequestsLocal, condition: 'config.consider_all_requests_local is on' },
  { name: 'ActionDispatch::Reloader', when: (c) => c.reloading, condition: 'config.enable_reloading is on' },
  { name: 'ActionDispatch::Callbacks', when: () => true, condition: 'always' },
  { name: 'ActiveRecord::Migration::CheckPending', when: (c) => c.checkPending, condition: 'config.active_record.migration_error is :page_load' },
  { name: 'ActionDispatch::Cookies', when: browser, condition: 'config.api_only is off' },
  { name: 'ActionDispatch::Session::CookieStore', when: browser, condition: 'config.api_only is off (the cookie store is the default session store)' },
  { name: 'ActionDispatch::Flash', when: browser, condition: 'config.api_only is off' },
  { name: 'ActionDispatch::ContentSecurityPolicy::Middleware', when: browser, condition: 'config.api_only is off' },
  // Rails 8.1 adds it only when a permissions policy is configured; 8.0 always does.
  { name: 'ActionDispatch::PermissionsPolicy::Middleware', when: browser, condition: 'config.api_only is off' },
  { name: 'Rack::Head', when: () => true, condition: 'always' },
  { name: 'Rack::ConditionalGet', when: () => true, condition: 'always' },
  { name: 'Rack::ETag', when: () => true, condition: 'always' },
  { name: 'Rack::TempfileReaper', when: browser, condition: 'config.api_only is off' },
];

/** The middleware names a configuration produces, outermost first, as `bin/rails middleware` lists them. */
export function middlewareStack(config: StackConfig): string[] {
  return MIDDLEWARE.filter((m) => m.when(config)).map((m) => m.name);
}
