import { describe, expect, it } from 'vitest';
import { DEVELOPMENT, MIDDLEWARE, PRODUCTION, middlewareStack } from './middleware-stack';
import { requestPath } from './request-path';

describe('the middleware a Rails 8.0 app builds', () => {
  it('in production has no host check, no reloader and no debugging aids, and starts with the TLS pair', () => {
    const stack = middlewareStack(PRODUCTION);
    expect(stack.slice(0, 2)).toEqual(['ActionDispatch::AssumeSSL', 'ActionDispatch::SSL']);
    for (const dev of ['ActionDispatch::HostAuthorization', 'ActionDispatch::Reloader', 'ActionDispatch::ActionableExceptions', 'ActionDispatch::ServerTiming', 'ActiveRecord::Migration::CheckPending']) {
      expect(stack).not.toContain(dev);
    }
    expect(stack).toContain('Rails::Rack::SilenceRequest');
  });

  it('in development matches the framework part of bin/rails middleware, host check first', () => {
    const stack = middlewareStack(DEVELOPMENT);
    expect(stack[0]).toBe('ActionDispatch::HostAuthorization');
    expect(stack).toContain('ActionDispatch::Reloader');
    expect(stack).toContain('ActiveRecord::Migration::CheckPending');
    expect(stack).not.toContain('ActionDispatch::AssumeSSL');
    expect(stack).not.toContain('Rails::Rack::SilenceRequest');
  });

  it('keeps the order of the source in every configuration', () => {
    const order = MIDDLEWARE.map((m) => m.name);
    for (const config of [PRODUCTION, DEVELOPMENT, { ...PRODUCTION, apiOnly: true }]) {
      const stack = middlewareStack(config);
      const positions = stack.map((name) => order.indexOf(name));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
  });

  it('puts the local cache right before Rack::Runtime and the executor outside both', () => {
    const stack = middlewareStack(PRODUCTION);
    expect(stack.indexOf('ActiveSupport::Cache::Strategy::LocalCache::Middleware')).toBe(stack.indexOf('Rack::Runtime') - 1);
    expect(stack.indexOf('ActionDispatch::Executor')).toBeLessThan(stack.indexOf('Rack::Runtime'));
  });

  it('for an API-only app drops everything a browser needs and keeps the HTTP caching trio', () => {
    const api = middlewareStack({ ...PRODUCTION, apiOnly: true });
    for (const browserOnly of ['ActionDispatch::Cookies', 'ActionDispatch::Session::CookieStore', 'ActionDispatch::Flash', 'Rack::MethodOverride', 'ActionDispatch::ContentSecurityPolicy::Middleware', 'Rack::TempfileReaper']) {
      expect(api).not.toContain(browserOnly);
    }
    expect(api.slice(-3)).toEqual(['Rack::Head', 'Rack::ConditionalGet', 'Rack::ETag']);
  });
});

describe('the request path', () => {
  it('runs from the proxy to the socket write, with the middleware between Puma and the router', () => {
    const path = requestPath(PRODUCTION);
    expect(path[0]?.id).toBe('proxy');
    expect(path.at(-1)?.id).toBe('write');
    const groups = path.map((l) => l.group);
    expect(groups.indexOf('middleware')).toBeGreaterThan(groups.lastIndexOf('puma'));
    expect(groups.lastIndexOf('middleware')).toBeLessThan(path.findIndex((l) => l.id === 'router'));
  });

  it('marks exactly the middleware a configuration leaves out, and keeps them listed', () => {
    for (const config of [PRODUCTION, DEVELOPMENT, { ...PRODUCTION, apiOnly: true }]) {
      const path = requestPath(config);
      expect(path.filter((l) => l.group === 'middleware')).toHaveLength(MIDDLEWARE.length);
      expect(path.filter((l) => l.group === 'middleware' && l.active).map((l) => l.name)).toEqual(middlewareStack(config));
    }
  });

  it('says what every layer does and costs', () => {
    for (const layer of requestPath(PRODUCTION)) {
      expect(layer.does.length, layer.name).toBeGreaterThan(20);
      expect(layer.cost.length, layer.name).toBeGreaterThan(5);
    }
  });
});
