package io.qhub.service.core.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.NettyPipeline;

/**
 * Hands an HTTP proxy's answer to {@code CONNECT} on with nothing the proxy chose but its
 * status code: the reason phrase becomes the standard one, the headers and the body are
 * dropped. Netty puts the status line into the exception of a refused {@code CONNECT},
 * which Reactor Netty logs and the client keeps, so a proxy echoing the credentials it
 * received there (or in a header or the body) could otherwise put them into a log line or
 * a message. Sits between the proxy handler's HTTP codec and the proxy handler, and
 * leaves the pipeline once the tunnel stands.
 */
final class ProxyAnswerScrubber extends ChannelInboundHandlerAdapter {

	private static final String NAME = "qhub.proxyAnswerScrubber";

	private ProxyAnswerScrubber() {
	}

	/**
	 * Puts a scrubber in front of the channel's HTTP proxy handler, if it has one (a
	 * connection that is proxied over HTTP).
	 * @param pipeline the channel's pipeline, as Reactor Netty has set it up
	 */
	static void install(ChannelPipeline pipeline) {
		if (pipeline.get(NettyPipeline.ProxyHandler) instanceof HttpProxyHandler proxy) {
			ProxyAnswerScrubber scrubber = new ProxyAnswerScrubber();
			pipeline.addBefore(NettyPipeline.ProxyHandler, NAME, scrubber);
			proxy.connectFuture().addListener((future) -> {
				if (future.isSuccess() && pipeline.get(NAME) == scrubber) {
					pipeline.remove(scrubber);
				}
			});
		}
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object message) {
		if (message instanceof HttpResponse response) {
			HttpResponse scrubbed = new DefaultHttpResponse(response.protocolVersion(),
					HttpResponseStatus.valueOf(response.status().code()));
			ReferenceCountUtil.release(message);
			ctx.fireChannelRead(scrubbed);
			if (message instanceof LastHttpContent) {
				ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
			}
			return;
		}
		if (message instanceof HttpContent) {
			ReferenceCountUtil.release(message);
			if (message instanceof LastHttpContent) {
				ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
			}
			return;
		}
		ctx.fireChannelRead(message);
	}

}
