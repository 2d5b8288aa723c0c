<?php

namespace App\Http\Controllers;

use App\Models\Order;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Gate;

class OrderController extends Controller
{
    public function index(Request $request)
    {
        $orders = Order::query()
            ->where('user_id', $request->user()->id)
            ->when($request->input('status'), fn ($q, $status) => $q->where('status', $status))
            ->latest()
            ->paginate(20);

        return view('orders.index', compact('orders'));
    }

    public function store(Request $request)
    {
        $data = $request->validate([
            'items' => 'required|array|min:1',
            'items.*.sku' => 'required|string|exists:products,sku',
            'items.*.qty' => 'required|integer|min:1|max:99',
        ]);
        $order = Order::place($request->user(), $data['items']);
        return redirect()->route('orders.show', $order);
    }

    public function destroy(Order $order)
    {
        Gate::authorize('cancel', $order);
        $order->cancel();
        return back()->with('status', __('Order cancelled.'));
    }
}
