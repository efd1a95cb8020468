-- The Neovim side of packages/lsp/test/neovim.test.ts. It runs after the editor configuration from
-- docs/editors.md (which registers the `axon` filetype and starts the server on FileType axon).
-- It reads a plan (JSON, path in $AXON_NVIM_PLAN), opens each file, waits for diagnostics, asks for
-- hover, completion and formatting through Neovim's own LSP client, and writes what it saw as JSON
-- to plan.out. Every wait is bounded; errors are written to the output rather than hanging.
-- Only APIs present in Neovim 0.7 are used.

local plan = vim.fn.json_decode(table.concat(vim.fn.readfile(vim.env.AXON_NVIM_PLAN), '\n'))
local WAIT = plan.timeoutMs or 15000
local out = { nvim = vim.version(), files = {}, errors = {} }

local function ms_since(t0)
  return (vim.loop.hrtime() - t0) / 1e6
end

local function axon_client(bufnr)
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == 'axon' then return client end
  end
  return nil
end

-- the first (only) client's answer of a buf_request_sync, or an error string
local function request(bufnr, method, params)
  local results, err = vim.lsp.buf_request_sync(bufnr, method, params, WAIT)
  if err then return nil, tostring(err) end
  for _, r in pairs(results or {}) do
    if r.error then return nil, vim.inspect(r.error) end
    return r.result, nil
  end
  return nil, 'no response to ' .. method
end

local function lines_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n'
end

-- the buffer's diagnostics as the probe records them (after settings and edits: the short form)
local function diagnostics_of(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out, { code = d.code, lnum = d.lnum, col = d.col, severity = d.severity })
  end
  return out
end

local function probe(file)
  local rec = { path = file.path }
  local t0 = vim.loop.hrtime()
  vim.cmd('edit ' .. vim.fn.fnameescape(file.path))
  local bufnr = vim.api.nvim_get_current_buf()
  rec.filetype = vim.bo[bufnr].filetype
  rec.attached = vim.wait(WAIT, function() return axon_client(bufnr) ~= nil end, 10)
  local client = axon_client(bufnr)
  if not client then
    rec.error = 'no axon client attached'
    return rec
  end
  rec.initialized = vim.wait(WAIT, function() return client.initialized == true end, 10)

  local expected = file.expectDiagnostics or 1
  rec.diagnosticsArrived = vim.wait(WAIT, function() return #vim.diagnostic.get(bufnr) >= expected end, 5)
  rec.msToDiagnostics = ms_since(t0)
  -- a short settle so that a later publish (e.g. after workspace/configuration) is what we record
  vim.wait(400, function() return false end, 50)
  rec.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(rec.diagnostics, {
      code = d.code, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, source = d.source, message = d.message,
    })
  end

  local uri = vim.uri_from_bufnr(bufnr)
  if file.hover then
    local t = vim.loop.hrtime()
    local result, err = request(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = file.hover })
    rec.hoverMs = ms_since(t)
    if err then rec.hoverError = err end
    if result and result.contents then
      local c = result.contents
      rec.hover = type(c) == 'string' and c or c.value or vim.fn.json_encode(c)
      rec.hoverRange = result.range
    end
  end
  if file.completion then
    local t = vim.loop.hrtime()
    local result, err = request(bufnr, 'textDocument/completion', { textDocument = { uri = uri }, position = file.completion })
    rec.completionMs = ms_since(t)
    if err then rec.completionError = err end
    if result then
      local items = result.items or result
      rec.completion = {}
      rec.completionItems = {}
      for _, item in ipairs(items) do
        table.insert(rec.completion, item.label)
        table.insert(rec.completionItems, {
          label = item.label,
          format = item.insertTextFormat or 1,
          text = (item.textEdit and item.textEdit.newText) or item.insertText or item.label,
          -- what Neovim's own completion (omnifunc) would insert
          word = (vim.lsp.util.text_document_completion_list_to_complete_items({ items = { item } }, '')[1] or {}).word,
        })
      end
    end
  end
  -- code actions on a line, with the line's diagnostics as Neovim 0.7's vim.lsp.buf.code_action() sends them
  if file.codeActionLine then
    local line = file.codeActionLine
    local result, err = request(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = uri },
      range = { start = { line = line, character = 0 }, ['end'] = { line = line, character = 0 } },
      context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, line) },
    })
    if err then rec.codeActionError = err end
    rec.codeActions = {}
    for _, a in ipairs(result or {}) do
      table.insert(rec.codeActions, { title = a.title, kind = a.kind, isPreferred = a.isPreferred == true })
    end
  end
  -- settings sent at run time (as docs/editors.md shows): the server re-validates
  if file.notifySettings then
    local before = #vim.diagnostic.get(bufnr)
    local t = vim.loop.hrtime()
    client.notify('workspace/didChangeConfiguration', { settings = file.notifySettings })
    rec.settingsApplied = vim.wait(WAIT, function() return #vim.diagnostic.get(bufnr) ~= before end, 5)
    rec.msToSettingsDiagnostics = ms_since(t)
    rec.diagnosticsAfterSettings = diagnostics_of(bufnr)
  end
  -- an edit typed into the buffer goes to the server as an incremental change
  if file.edit then
    local e = file.edit
    local before = vim.fn.json_encode(vim.diagnostic.get(bufnr))
    local t = vim.loop.hrtime()
    vim.api.nvim_buf_set_text(bufnr, e.line, e.startCol, e.line, e.endCol, { e.text })
    rec.editRepublished = vim.wait(WAIT, function() return vim.fn.json_encode(vim.diagnostic.get(bufnr)) ~= before end, 5)
    rec.msEditToDiagnostics = ms_since(t)
    rec.diagnosticsAfterEdit = diagnostics_of(bufnr)
  end
  if file.format then
    local before = lines_text(bufnr)
    local result, err = request(bufnr, 'textDocument/formatting', {
      textDocument = { uri = uri },
      options = { tabSize = 8, insertSpaces = false },
    })
    if err then rec.formatError = err end
    rec.formatEdits = result and #result or -1
    if result and #result > 0 then
      vim.lsp.util.apply_text_edits(result, bufnr, client.offset_encoding or 'utf-16')
    end
    rec.formatChanged = lines_text(bufnr) ~= before
    rec.formatted = lines_text(bufnr)
  end
  return rec
end

for _, file in ipairs(plan.files) do
  local ok, rec = pcall(probe, file)
  if not ok then
    rec = { path = file.path, error = tostring(rec) }
  end
  table.insert(out.files, rec)
end

-- shut the server down the way :LspStop does and see that it goes
out.clients = #vim.lsp.get_active_clients()
vim.lsp.stop_client(vim.lsp.get_active_clients())
out.serverStopped = vim.wait(WAIT, function() return #vim.lsp.get_active_clients() == 0 end, 20)

vim.fn.writefile({ vim.fn.json_encode(out) }, plan.out)
vim.cmd('qall!')
