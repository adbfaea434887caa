package io.stranglerkit.platform.limits;

import io.stranglerkit.platform.correlation.CorrelationId;
import io.stranglerkit.platform.problem.FieldProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses a request body larger than {@code kit.http.max-body-size} with 413 problem+json naming
 * {@code body}, before any application code reads it: by its {@code Content-Length}, or, for a body
 * sent without one (chunked), by reading at most one byte more than allowed. The kit's APIs take
 * small JSON documents, so a body that fits is handed on from memory.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * How much of a refused body is read and dropped after the answer (Tomcat's "swallow", 2 MB there):
     * a server that closes a connection with unread data makes the kernel reset it, and a client still
     * sending then loses the 413 it was sent. Beyond this the connection is closed unread.
     */
    static final long DRAIN_LIMIT = 4L * 1024 * 1024;
    private final long maxBytes;

    public RequestBodyLimitFilter(DataSize maxBodySize) {
        this.maxBytes = maxBodySize.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(request, response);
            return;
        }
        boolean chunked = declared < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (!chunked) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
            refuse(request, response);
            return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String reason = "must be at most " + readable(maxBytes);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", HttpStatus.PAYLOAD_TOO_LARGE.getReasonPhrase());
        problem.put("status", HttpStatus.PAYLOAD_TOO_LARGE.value());
        problem.put("detail", "the request body is too large: it " + reason);
        problem.put("instance", request.getRequestURI());
        problem.put("errors", List.of(new FieldProblem("body", reason)));
        String correlationId = CorrelationId.current();
        if (correlationId != null) {
            problem.put("correlationId", correlationId);
        }
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader("Connection", "close");
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
        response.flushBuffer();
        drain(request);
    }

    /** After the answer: read and drop what the client still sends, up to {@link #DRAIN_LIMIT}. */
    private static void drain(HttpServletRequest request) {
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect")) || request.getContentLengthLong() > DRAIN_LIMIT) {
            return; // the client waits for our go-ahead and sends nothing, or sends too much to be worth reading
        }
        try {
            byte[] buffer = new byte[64 * 1024];
            long left = DRAIN_LIMIT;
            int n;
            while (left > 0 && (n = request.getInputStream().read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException gone) {
            // the client closed first: nothing left to protect
        }
    }

    /** 1048576 -> "1 MB", 65536 -> "64 KB", 1000 -> "1000 bytes". */
    static String readable(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }

    /** The request with its (small) body already read into memory. */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the kit's APIs read bodies blocking");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), charset()));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        private Charset charset() {
            String name = getCharacterEncoding();
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        }
    }
}
