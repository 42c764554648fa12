/**
 * The path of one request through a Rails 8.0 app, layer by layer, from the proxy in front of Puma to
 * the socket write after the response: what each layer does and what it costs. The middleware part
 * comes from `middleware-stack.ts`, so the figure shows exactly the stack a configuration builds; the
 * layers a configuration leaves out stay in the list, marked off, so the reader can ask why.
 */
import { MIDDLEWARE, type StackConfig } from './middleware-stack';

export type LayerGroup = 'front' | 'puma' | 'middleware' | 'rails' | 'database' | 'view' | 'out';

export interface Layer {
  id: string;
  name: string;
  group: LayerGroup;
  /** What it does to the request, and on the way out to the response. */
  does: string;
  /** What it typically costs on a warm server, as an order of magnitude, not a measurement. */
  cost: string;
  /** For middleware: the setting that puts it in the stack. */
  condition?: string;
  /** False when this configuration leaves the layer out. */
  active: boolean;
}

type Text = Pick<Layer, 'does' | 'cost'>;

const MIDDLEWARE_TEXT: Record<string, Text> = {
  'ActionDispatch::HostAuthorization': {
    does: 'Answers 403 unless the Host header is one of config.hosts: protection against DNS rebinding. Production leaves config.hosts empty, so Rails 7.1 and later leave this middleware out entirely.',
    cost: 'A header compared with a short list: microseconds.',
  },
  'ActionDispatch::AssumeSSL': {
    does: 'Tells the rest of Rails the request came over HTTPS (sets HTTPS, rack.url_scheme and the forwarded proto and port), because a proxy in front already terminated TLS.',
    cost: 'Four hash writes: negligible.',
  },
  'ActionDispatch::SSL': {
    does: 'Redirects plain HTTP to HTTPS, and on the way out adds Strict-Transport-Security and marks cookies secure.',
    cost: 'Microseconds, plus a header or two on every response.',
  },
  'Rack::Sendfile': {
    does: 'When the body is a file (send_file), it can hand the file to the proxy through an X-Sendfile or X-Accel-Redirect header instead of streaming it through Ruby. For every other response it passes through.',
    cost: 'A method check on the body: negligible.',
  },
  'ActionDispatch::Static': {
    does: 'Serves files from public/, including precompiled assets and their .br or .gz variants, before any Rails code runs. Only GET and HEAD are considered.',
    cost: 'A file-system lookup for every GET and HEAD, hit or miss.',
  },
  'ActionDispatch::Executor': {
    does: "Opens Rails' unit of work: the query cache is switched on, and when the response body is closed the completion hooks return database connections and reset CurrentAttributes.",
    cost: 'A few hook calls in, a few out: microseconds.',
  },
  'ActionDispatch::ServerTiming': {
    does: 'Adds a Server-Timing header with time per instrumentation event (SQL, rendering), which browser dev tools display. The development template turns it on.',
    cost: 'Subscribes to every event of the request: small but not free.',
  },
  'ActiveSupport::Cache::Strategy::LocalCache::Middleware': {
    does: 'Puts an in-memory layer over Rails.cache for the length of one request, so a key read twice costs one trip to Solid Cache. Inserted by Active Support because the cache store supports it.',
    cost: 'One hash per request; saves a database round trip per repeated key.',
  },
  'Rack::Runtime': {
    does: 'Times everything inside it and adds an x-runtime header to the response.',
    cost: 'Two clock reads.',
  },
  'Rack::MethodOverride': {
    does: 'For POST, reads _method from the form so HTML forms can send PATCH and DELETE, and rewrites REQUEST_METHOD.',
    cost: 'Parses the form body of a POST early; nothing for GET.',
  },
  'ActionDispatch::RequestId': {
    does: 'Keeps the X-Request-Id from the proxy or makes a UUID, stores it for log tags, and echoes it in the response.',
    cost: 'One UUID at most: microseconds.',
  },
  'ActionDispatch::RemoteIp': {
    does: 'Works out the client IP from X-Forwarded-For, trusting only proxies in private ranges or config, and checks for spoofing. Computed lazily, on first use.',
    cost: 'Nothing until something asks for request.remote_ip.',
  },
  'Rails::Rack::SilenceRequest': {
    does: "Raises the log level around requests to /up, so the proxy's health checks leave no lines in the log. Production's template sets the path.",
    cost: 'One string comparison.',
  },
  'Rails::Rack::Logger': {
    does: 'Writes the Started GET line with the request_id tag and emits the request event that the Completed line and APM agents listen to.',
    cost: 'Formatting and writing a log line: tens of microseconds.',
  },
  'ActionDispatch::ShowExceptions': {
    does: 'Rescues any exception from inside and renders public/404.html, 500.html and friends instead of crashing the connection.',
    cost: 'Free unless something raises.',
  },
  'ActionDispatch::DebugExceptions': {
    does: 'Logs the exception with its backtrace and turns a 404 with X-Cascade: pass into a routing error. In production it re-raises so ShowExceptions renders the public page.',
    cost: 'Free unless something raises.',
  },
  'ActionDispatch::ActionableExceptions': {
    does: 'Runs the action behind buttons on error pages, such as Run pending migrations. Only with consider_all_requests_local, so development.',
    cost: 'A path check.',
  },
  'ActionDispatch::Reloader': {
    does: 'Reloads changed application code before the request. Off whenever enable_reloading is false, as in production.',
    cost: 'A file-watcher check per request in development; a full reload after an edit.',
  },
  'ActionDispatch::Callbacks': {
    does: 'A hook point: code can register callbacks to run before and after every request.',
    cost: 'Whatever the callbacks cost; with none, a method call.',
  },
  'ActiveRecord::Migration::CheckPending': {
    does: 'Raises an error page when migrations are pending. Inserted by Active Record in development only.',
    cost: 'A cached check of the migrations folder.',
  },
  'ActionDispatch::Cookies': {
    does: 'Provides the cookies jar. On the way out it writes every cookie the request changed as a set-cookie header.',
    cost: 'Lazy: parsing only if the cookies are read.',
  },
  'ActionDispatch::Session::CookieStore': {
    does: 'Keeps the session in an encrypted, authenticated cookie (AES-256-GCM, 4 KB at most). Loaded on first access; encrypted and written back only if it changed.',
    cost: 'A decryption when the session is read, an encryption when it changes: microseconds.',
  },
  'ActionDispatch::Flash': {
    does: 'A placeholder kept for ordering: it returns the app unchanged. The flash is really committed to the session at the end of the controller dispatch.',
    cost: 'Nothing at all.',
  },
  'ActionDispatch::ContentSecurityPolicy::Middleware': {
    does: 'Adds a Content-Security-Policy header built from config.content_security_policy and per-request nonces. The generated initializer is commented out, so a new app sends none.',
    cost: 'A check; building the header when a policy exists.',
  },
  'ActionDispatch::PermissionsPolicy::Middleware': {
    does: 'Adds a Permissions-Policy header when a policy is configured. Rails 8.0 always includes the middleware; 8.1 includes it only when a policy exists.',
    cost: 'A check.',
  },
  'Rack::Head': {
    does: 'For HEAD requests, throws the body away and keeps the headers. The action still runs.',
    cost: 'Nothing for other methods.',
  },
  'Rack::ConditionalGet': {
    does: 'Compares ETag and Last-Modified with If-None-Match and If-Modified-Since, and turns a match into an empty 304. The controller has already done all its work by then.',
    cost: 'Header comparisons; saves bandwidth, not CPU.',
  },
  'Rack::ETag': {
    does: 'For a 200 with no validator of its own, buffers the body and hashes every byte of it (SHA-256) into a weak ETag. Streaming bodies are left alone.',
    cost: 'Proportional to the body size: a hash over every byte.',
  },
  'Rack::TempfileReaper': {
    does: 'Deletes the temporary files that multipart uploads created, once the response is done.',
    cost: 'Nothing without uploads.',
  },
};

const BEFORE: readonly Omit<Layer, 'active'>[] = [
  {
    id: 'proxy',
    name: 'Proxy in front of Puma',
    group: 'front',
    does: 'In a Rails 8 deployment with the generated Dockerfile, Thruster runs in the container in front of Puma (HTTP/2, compression, asset caching), and kamal-proxy or a load balancer terminates TLS. That is why production assumes SSL.',
    cost: 'A local hop: well under a millisecond, unless it buffers a slow upload.',
  },
  {
    id: 'kernel',
    name: 'Kernel: the accept queue',
    group: 'front',
    does: 'The kernel finishes the TCP handshake on its own and parks the connection in the listening socket\'s queue (backlog 1024 in Puma) until a worker calls accept. Visible as Recv-Q in ss -ltn.',
    cost: 'Zero when a worker is free; the first place a saturated server makes requests wait.',
  },
  {
    id: 'puma-accept',
    name: 'Puma: accept and reactor',
    group: 'puma',
    does: 'Each worker process accepts only while its thread pool has room. A request that has not fully arrived waits in the reactor (one thread, nio4r), so a slow client costs a socket, not a thread.',
    cost: 'Microseconds to accept; the reactor absorbs slow uploads.',
  },
  {
    id: 'puma-thread',
    name: 'Puma: a thread from the pool',
    group: 'puma',
    does: 'The buffered request is parsed into the env hash and handed to a pool thread, which calls app.call(env). That thread carries the request all the way to the socket write.',
    cost: 'Zero on a quiet server; on a busy one, the wait for a free thread, which no Rails log shows.',
  },
];

const AFTER: readonly Omit<Layer, 'active'>[] = [
  {
    id: 'router',
    name: 'Router: Journey',
    group: 'rails',
    does: 'Walks PATH_INFO through a table compiled from config/routes.rb at boot, checks verb and constraints, and fills path_parameters with :id and friends.',
    cost: 'Microseconds: a table walk, not a loop over every route.',
  },
  {
    id: 'controller',
    name: 'Controller: callbacks and params',
    group: 'rails',
    does: 'A new controller instance per request runs its before_action chain (which may halt with a redirect), builds params from path, query and body, then the action.',
    cost: 'Usually small; whatever your callbacks do (authentication, loading records) lands here.',
  },
  {
    id: 'pool',
    name: 'Active Record: a connection',
    group: 'database',
    does: "Since Rails 7.2 a connection is checked out of the worker's pool around each query and returned right after. An empty pool makes the thread wait up to checkout_timeout (5 s).",
    cost: 'Microseconds when the pool has a connection; up to 5 s and an error when it does not.',
  },
  {
    id: 'sql',
    name: 'PostgreSQL: the query',
    group: 'database',
    does: 'A prepared statement and its bind values go over the socket; PostgreSQL plans (once), executes and streams rows back.',
    cost: 'A third of a millisecond for a primary-key lookup, plus the network round trip; far more for a scan.',
  },
  {
    id: 'models',
    name: 'Active Record: rows into models',
    group: 'database',
    does: 'Every row becomes a model object with an attribute set and typecast values. Relations stay lazy until something iterates them, often the view.',
    cost: 'Grows with rows loaded: often more than the query itself.',
  },
  {
    id: 'view',
    name: 'Action View: template and layout',
    group: 'view',
    does: 'Finds users/show.html.erb, compiled into a Ruby method on first use, and runs it: string building, helpers, partials, the layout around it. Lazy relations fire here.',
    cost: 'Usually the biggest slice of a page request, and the most allocations.',
  },
  {
    id: 'unwind',
    name: 'Middleware, on the way out',
    group: 'out',
    does: 'The triplet travels back through the same stack in reverse: session cookie written, ETag computed, 304 decided, x-runtime and x-request-id stamped, HSTS added.',
    cost: 'Small, except ETag, which hashes the whole body.',
  },
  {
    id: 'write',
    name: 'Puma: write and close',
    group: 'out',
    does: 'The same thread writes status, headers and body to the socket, then calls body.close, which fires the executor\'s completion hooks. A keep-alive connection goes back to wait for the next request.',
    cost: 'Microseconds for a small page on a fast client.',
  },
];

/** Every layer in path order for a configuration: front, Puma, each middleware, Rails, database, view, out. */
export function requestPath(config: StackConfig): Layer[] {
  const middleware: Layer[] = MIDDLEWARE.map((m) => ({
    id: m.name,
    name: m.name,
    group: 'middleware',
    condition: m.condition,
    active: m.when(config),
    ...(MIDDLEWARE_TEXT[m.name] ?? { does: '', cost: '' }),
  }));
  return [...BEFORE.map((l) => ({ ...l, active: true })), ...middleware, ...AFTER.map((l) => ({ ...l, active: true }))];
}
